// Whether slice-ansi, cutting a line's shape at its full width, gives the shape back, worked
// out without slice-ansi for the shapes a dashboard draws (ink-output.ts asks it for each
// shape once): slice-ansi's first calls were 4–12 ms of the screen's first frame in a profile,
// mostly its cold code; the first frame came 2–3 ms sooner without them. The answer follows slice-ansi 8's rules for a cut from 0 to the full width:
//   - the colour codes before the first character are given again as the styles then in
//     force, one code per style, in the order they were set (a style is keyed by its closing
//     code: bold and dim share one);
//   - codes between characters are kept as they are;
//   - after the last character a code is kept only if it closes a style in force;
//   - the styles still in force at the end are closed.
// Anything else (a code with several parameters, 256 or true colours, a reset before the
// first character, a character that is not one cell in both measures) is left to
// slice-ansi: the answer is undefined. tests/unit/ui/whole-slice.test.ts holds it to
// slice-ansi on every character it accepts and on random shapes.
import { standsAlone } from '../text/graphemes.js';
import { widthOf } from './styled-cells.js';

/** The closing code of each colour code taken here (ansi-styles' table): bold and dim share 22. */
const CLOSES = new Map<number, number>([
  [1, 22],
  [2, 22],
  [3, 23],
  [4, 24],
  [7, 27],
  [8, 28],
  [9, 29],
  [53, 55],
]);
for (let n = 30; n <= 37; n++) CLOSES.set(n, 39).set(n + 60, 39);
for (let n = 40; n <= 47; n++) CLOSES.set(n, 49).set(n + 60, 49);
const CLOSING = new Set(CLOSES.values());

// A colour code with one parameter, written without leading zeros, or one UTF-16 unit.
// eslint-disable-next-line no-control-regex
const PIECE = /\u001b\[(0|[1-9][0-9]{0,2})m|[^\u001b]/g;

/**
 * A grapheme of its own, one cell wide in the measure ink-output.ts gives slice-ansi, and in
 * slice-ansi's own (which counts East Asian wide characters and emoji as two, as ours does).
 */
function oneCell(char: string): boolean {
  return char.length === 1 && standsAlone(char) && widthOf(char) === 1;
}

/** slice-ansi's `sliceAnsi(shape, 0, width) === shape`, or undefined where it must be asked. */
export function keepsWholeAtFullWidth(shape: string): boolean | undefined {
  /** The styles in force, by closing code, each with the code that set it, in the order set. */
  const inForce = new Map<number, string>();
  let leading = '';
  let seenChar = false;
  /** Since the last character: a code slice-ansi would drop, were no character to follow. */
  let dropped = false;
  let end = 0;
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(shape); m !== null; m = PIECE.exec(shape)) {
    if (m.index !== end) return undefined; // an escape that is no such colour code
    end = PIECE.lastIndex;
    if (m[1] === undefined) {
      if (!oneCell(m[0])) return undefined;
      if (!seenChar && leading !== [...inForce.values()].join('')) return false;
      seenChar = true;
      dropped = false;
      continue;
    }
    const code = Number(m[1]);
    const closes = code === 0 || CLOSING.has(code) ? code : CLOSES.get(code);
    if (closes === undefined) return undefined;
    if (!seenChar) {
      if (code === 0) return undefined;
      leading += m[0];
    } else if (code === 0 ? inForce.size === 0 : closes !== code || !inForce.has(code)) {
      dropped = true; // after the last character only a code that closes a style in force is kept
    }
    if (code === 0) inForce.clear();
    else if (closes === code) inForce.delete(code);
    else inForce.set(closes, m[0]);
  }
  if (end !== shape.length) return undefined;
  if (!seenChar) return shape === '';
  return inForce.size === 0 && !dropped;
}
