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

/** Within a row: forward, back (BS for one or two), to column 1 (CR), or to an absolute column. */
function horizontal(from: number, to: number): string {
  if (from === to) return '';
  const options = [`${ESC}${to + 1}G`];
  if (to === 0) options.push('\r');
  if (to > from) options.push(counted(to - from, 'C'));
  else {
    options.push(counted(from - to, 'D'));
    if (from - to <= 2) options.push('\b'.repeat(from - to));
  }
  if (to > 0) options.push(`\r${counted(to, 'C')}`);
  return shortest(options);
}

function shortest(options: string[]): string {
  return options.reduce((best, o) => (o.length < best.length ? o : best));
}

/**
 * The shortest move from `from` to `to`; `from` null when the cursor's place is not known
 * (then only an absolute move is safe). Never scrolls: moves down stay inside the screen.
 */
export function cursorMove(from: Position | null, to: Position): string {
  if (!from) return absoluteMove(to);
  if (from.row === to.row) return shortest([horizontal(from.col, to.col), absoluteMove(to)]);
  const options = [absoluteMove(to)];
  const down = to.row - from.row;
  const vertical = down > 0 ? counted(down, 'B') : counted(-down, 'A');
  options.push(vertical + horizontal(from.col, to.col));
  options.push(`${ESC}${to.row + 1}d${horizontal(from.col, to.col)}`);
  // To the start of the target row, then along it. (Not "\r\n": the terminal's line
  // discipline sends it as three bytes, as long as ESC[E.)
  const lineStart = down > 0 ? counted(down, 'E') : counted(-down, 'F');
  options.push(lineStart + (to.col > 0 ? counted(to.col, 'C') : ''));
  return shortest(options);
}
