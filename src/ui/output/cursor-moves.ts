// The fewest bytes that move the cursor from one cell to another: an absolute position
// (CUP), or relative steps (up/down, to a column, back, carriage return, next line),
// whichever is shorter. Never a line feed: moves never scroll. Rows and columns count from 0.

const ESC = '\u001b[';

export interface Position {
  row: number;
  col: number;
}

/** ESC[n X, with n left out when it is 1 (the default). */
const counted = (n: number, final: string) => (n === 1 ? `${ESC}${final}` : `${ESC}${n}${final}`);

export function absoluteMove(to: Position): string {
  if (to.col === 0) return to.row === 0 ? `${ESC}H` : `${ESC}${to.row + 1}H`;
  return `${ESC}${to.row + 1};${to.col + 1}H`;
}

// Each candidate is weighed as it is made (the first of equal length wins): no array of
// options per move, since a frame makes a move per changed span.
const shorter = (best: string, option: string) => (option.length < best.length ? option : best);

/** Within a row: forward, back (BS for one or two), to column 1 (CR), or to an absolute column. */
function horizontal(from: number, to: number): string {
  if (from === to) return '';
  let best = `${ESC}${to + 1}G`;
  if (to === 0) best = shorter(best, '\r');
  if (to > from) best = shorter(best, counted(to - from, 'C'));
  else {
    best = shorter(best, counted(from - to, 'D'));
    if (from - to <= 2) best = shorter(best, '\b'.repeat(from - to));
  }
  if (to > 0) best = shorter(best, `\r${counted(to, 'C')}`);
  return best;
}

/**
 * The shortest move from `from` to `to`; `from` null when the cursor's place is not known
 * (then only an absolute move is safe). Never scrolls: moves down stay inside the screen.
 */
export function cursorMove(from: Position | null, to: Position): string {
  if (!from) return absoluteMove(to);
  if (from.row === to.row) return shorter(horizontal(from.col, to.col), absoluteMove(to));
  let best = absoluteMove(to);
  const down = to.row - from.row;
  const vertical = down > 0 ? counted(down, 'B') : counted(-down, 'A');
  const along = horizontal(from.col, to.col);
  best = shorter(best, vertical + along);
  best = shorter(best, `${ESC}${to.row + 1}d${along}`);
  // To the start of the target row, then along it. (Not "\r\n": the terminal's line
  // discipline sends it as three bytes, as long as ESC[E.)
  const lineStart = down > 0 ? counted(down, 'E') : counted(-down, 'F');
  return shorter(best, lineStart + (to.col > 0 ? counted(to.col, 'C') : ''));
}
