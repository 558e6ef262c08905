// A frame as the terminal will show it: rows of cells, each a character with its look.
// A wide character (CJK, most emoji) fills two cells: the first holds it, the second is a
// continuation (width 0). Widths come from the same table the layout uses (text/cells.ts).
import { charWidth, joinsCluster, unitWidth } from '../text/cells.js';
import { applySgr, PLAIN, spaceLook, type Style } from './style.js';

export interface Cell {
  /** The character with any combining marks; '' in the right half of a wide character. */
  readonly ch: string;
  /** 1, 2 for a wide character, 0 for its right half. */
  readonly width: number;
  readonly style: Style;
}

export type Row = readonly Cell[];

export const BLANK: Cell = Object.freeze({ ch: ' ', width: 1, style: PLAIN });

/** Whether the terminal shows the two cells the same (a space's look ignores attributes a space cannot show). */
export const sameCell = (a: Cell, b: Cell) => a === b || (a.ch === b.ch && a.width === b.width && a.style === b.style);

export const isBlank = (cell: Cell) => cell === BLANK || (cell.ch === ' ' && cell.style === PLAIN);

/** The first column from which the row is blank to its end (0: the whole row is blank). */
export function blankTail(row: Row): number {
  let t = row.length;
  while (t > 0 && isBlank(row[t - 1]!)) t--;
  return t;
}

export function blankRow(columns: number): Row {
  return new Array<Cell>(columns).fill(BLANK);
}

let sharedBlank: Row = [];
/** A blank row `columns` wide that callers share (rows are never changed in place). */
export function blankRowOf(columns: number): Row {
  if (sharedBlank.length !== columns) sharedBlank = blankRow(columns);
  return sharedBlank;
}

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST) and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b(?:\[([0-9;:?<=>]*)[ -/]*([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/y;

/**
 * One line of Ink's output (text with SGR sequences) as `columns` cells. Other escape
 * sequences and control characters are dropped; what does not fit is cut.
 */
export function parseLine(line: string, columns: number): Row {
  const cells: Cell[] = new Array<Cell>(columns);
  let n = 0;
  let style = PLAIN;
  let i = 0;
  while (i < line.length && n <= columns) {
    const code = line.charCodeAt(i);
    if (code === 0x1b) {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(line);
      if (!m) {
        i++;
        continue;
      }
      if (m[2] === 'm' && m[1] !== undefined && !PRIVATE.test(m[1])) style = applySgr(style, m[1]);
      i = ESCAPE.lastIndex;
      continue;
    }
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      i++;
      continue;
    }
    if (code < 0x80) {
      // Printable ASCII: one cell, the same object each time it shows in this look.
      if (n + 1 > columns) break;
      cells[n++] = asciiCell(code, style);
      i++;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    i += ch.length;
    const last = n - 1;
    const at = last >= 0 && cells[last]!.width === 0 ? last - 1 : last;
    if (at >= 0 && joinsCluster(cells[at]!.ch, ch)) {
      // A combining mark, a selector or the rest of an emoji sequence joins the character
      // before it; a selector or keycap can make it two cells wide (⚠️ 1️⃣).
      const joined = cells[at]!.ch + ch;
      if (cells[at]!.width === 1 && widens(ch, joined)) {
        if (at !== last || n + 1 > columns) continue;
        cells[at] = { ...cells[at]!, ch: joined, width: 2 };
        cells[n++] = { ch: '', width: 0, style: cells[at].style };
      } else cells[at] = { ...cells[at]!, ch: joined };
      continue;
    }
    const width = charWidth(ch);
    if (width === 0) continue;
    if (n + width > columns) break;
    cells[n++] = { ch, width, style };
    if (width === 2) cells[n++] = { ch: '', width: 0, style };
  }
  while (n < columns) cells[n++] = BLANK;
  return cells;
}

const PRIVATE = /[?<=>]/;

/**
 * Whether `ch` made `joined` two cells wide: only a selector or a keycap can, on a short
 * cluster (no emoji is longer; a line of a thousand selectors stays linear).
 */
const widens = (ch: string, joined: string) =>
  (ch === '\ufe0f' || ch === '\u20e3') && joined.length <= 16 && unitWidth(joined) === 2;

/**
 * Cells of printable ASCII by look (the style's id) and character code. Rows of the same
 * looks come back every frame: sharing their cells spares the garbage of a cell per
 * character, and makes most comparisons of two cells one identity check.
 */
const asciiCells: Cell[][] = [];

function asciiCell(code: number, style: Style): Cell {
  const cells = (asciiCells[style.id] ??= []);
  let cell = cells[code];
  if (!cell) {
    const ch = String.fromCharCode(code);
    if (ch === ' ') {
      const look = spaceLook(style);
      cell = look === PLAIN ? BLANK : look === style ? { ch, width: 1, style } : asciiCell(code, look);
    } else cell = { ch, width: 1, style };
    cells[code] = cell;
  }
  return cell;
}
