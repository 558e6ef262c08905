// A frame as the terminal will show it: rows of cells, each a character with its look.
// A wide character (CJK, most emoji) fills two cells: the first holds it, the second is a
// continuation (width 0). Widths come from the same table the layout uses (text/cells.ts).
import { charWidth } from '../text/cells.js';
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

export function blankRow(columns: number): Row {
  return Array.from({ length: columns }, () => BLANK);
}

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST) and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b(?:\[([0-9;:?<=>]*)[ -/]*([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/y;

/**
 * One line of Ink's output (text with SGR sequences) as `columns` cells. Other escape
 * sequences and control characters are dropped; what does not fit is cut.
 */
export function parseLine(line: string, columns: number): Row {
  const cells: Cell[] = [];
  let style = PLAIN;
  let i = 0;
  while (i < line.length && cells.length <= columns) {
    const code = line.charCodeAt(i);
    if (code === 0x1b) {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(line);
      if (!m) {
        i++;
        continue;
      }
      if (m[2] === 'm' && m[1] !== undefined && !/[?<=>]/.test(m[1])) style = applySgr(style, m[1]);
      i = ESCAPE.lastIndex;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    i += ch.length;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) continue;
    const width = charWidth(ch);
    if (width === 0) {
      // A combining mark or variation selector joins the character before it.
      const last = cells.length - 1;
      const at = last >= 0 && cells[last]!.width === 0 ? last - 1 : last;
      if (at >= 0) cells[at] = { ...cells[at]!, ch: cells[at]!.ch + ch };
      continue;
    }
    if (cells.length + width > columns) break;
    cells.push(
      ch === ' ' ? (spaceLook(style) === PLAIN ? BLANK : { ch, width, style: spaceLook(style) }) : { ch, width, style },
    );
    if (width === 2) cells.push({ ch: '', width: 0, style });
  }
  while (cells.length < columns) cells.push(BLANK);
  return cells;
}
