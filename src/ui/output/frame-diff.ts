// The bytes that turn the screen the terminal shows into the next frame: rows that moved
// together scrolled into place, text that moved along a row shifted (ICH, DCH), then only
// the cells that changed, each run of them reached
// by the shortest cursor move, with the fewest SGR changes; runs of blanks erased (ECH), a
// line's blank end erased (EL) and blank rows at the bottom erased at once (ED).
// docs/ARCHITECTURE.md, Terminal output over SSH.
import { cellShiftSequence, findCellShift, shiftedCells } from './cell-shift.js';
import { cursorMove, type Position } from './cursor-moves.js';
import { blankTail, isBlank, sameCell, type Cell, type Row } from './grid.js';
import { findShift, shiftedRows, shiftSequence } from './row-shift.js';
import { erasesPlain, PLAIN, sgrTransition, spaceLook, type Style } from './style.js';
import { isEmojiSequence } from '../text/cells.js';

const ERASE_LINE_END = '\u001b[K';
const ERASE_BELOW = '\u001b[J';
/** Up to this many blank cells are cheaper to write as spaces than to erase (ESC[K is 3 bytes). */
const SPACES_BEFORE_ERASE = 3;

/** What the terminal's cursor is at: its place (null = not known) and its SGR attributes. */
export interface Pen {
  cursor: Position | null;
  style: Style;
}

interface Span {
  start: number;
  end: number;
}

/** Changed runs of cells in [0, limit), widened so that no wide character is cut in half. */
function changedSpans(prev: Row | null, next: Row, limit: number): Span[] {
  const spans: Span[] = [];
  let c = 0;
  while (c < limit) {
    if (prev && sameCell(prev[c]!, next[c]!)) {
      c++;
      continue;
    }
    let start = c;
    while (c < limit && !(prev && sameCell(prev[c]!, next[c]!))) c++;
    if (next[start]!.width === 0 && start > 0) start--;
    let end = c;
    if (end < next.length && next[end]!.width === 0) end++;
    const last = spans.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end });
  }
  return spans;
}

/**
 * An emoji sequence written so that the cells after it land where the grid has them, however
 * wide the terminal draws it (tmux 3.3 draws ⚠️ in one cell, an older terminal 👨‍👩‍👧 in
 * six): its two cells blanked first, then the sequence from its column (CHA, which also ends a
 * wrap pending at the last column), then the cursor set to the column after it. docs/terminal.md, "Locale and characters".
 */
const settled = (ch: string, col: number) => `  \u001b[${col + 1}G${ch}\u001b[${col + 3}G`;

/** Scrolls per update at most. */
const MAX_SHIFTS = 3;
/** Blanks worth erasing with ECH rather than writing: at least this many in a row. */
const ERASE_RUN = 8;

/** How many plain blanks start at `from` (before `to`), if at least ERASE_RUN; else 0. */
function blankRun(row: Row, from: number, to: number): number {
  let e = from;
  while (e < to && isBlank(row[e]!)) e++;
  return e - from >= ERASE_RUN ? e - from : 0;
}

/** Where the next run of blanks worth erasing starts (or `to`). */
function nextBlankRun(row: Row, from: number, to: number): number {
  for (let c = from + 1; c < to; c++) if (isBlank(row[c]!) && blankRun(row, c, to) > 0) return c;
  return to;
}

/** The first changed column at or after `from`, or -1. */
function firstChange(prev: Row | null, next: Row, from: number): number {
  for (let c = from; c < next.length; c++) if (!prev || !sameCell(prev[c]!, next[c]!)) return c;
  return -1;
}

function lastChange(prev: Row | null, next: Row, from: number): number {
  for (let c = next.length - 1; c >= from; c--) if (!prev || !sameCell(prev[c]!, next[c]!)) return c;
  return -1;
}

class UpdateWriter {
  out = '';

  constructor(
    private readonly pen: Pen,
    private readonly columns: number,
  ) {}

  moveTo(row: number, col: number): void {
    const cursor = this.pen.cursor;
    if (cursor && cursor.row === row && cursor.col === col) return;
    this.out += cursorMove(cursor, { row, col });
    this.pen.cursor = { row, col };
  }

  /** The bytes of cells [from, to) of `row`, written from the current pen (pen unchanged). */
  cellsText(row: Row, from: number, to: number, pen: Style): { text: string; style: Style } {
    let text = '';
    let style = pen;
    for (let c = from; c < to; c++) {
      const cell: Cell = row[c]!;
      if (cell.width === 0) continue;
      // A space only needs the pen to show the same on it (its background, inverse, …).
      const wanted = cell.ch === ' ' && spaceLook(style) === cell.style ? style : cell.style;
      text +=
        sgrTransition(style, wanted) + (cell.width === 2 && isEmojiSequence(cell.ch) ? settled(cell.ch, c) : cell.ch);
      style = wanted;
    }
    return { text, style };
  }

  writeCells(rowIndex: number, row: Row, from: number, to: number): void {
    let c = from;
    while (c < to) {
      // A long run of blanks is erased where it is (ECH) and stepped over, when that is shorter than spaces.
      const blanks = erasesPlain(this.pen.style) ? blankRun(row, c, to) : 0;
      if (blanks > 0) {
        const erase = `\u001b[${blanks}X`;
        const step = c + blanks < to ? `\u001b[${blanks}C` : '';
        if (erase.length + step.length < blanks) {
          this.out += erase + step;
          c += step ? blanks : 0;
          this.pen.cursor = { row: rowIndex, col: c };
          if (!step) return;
          continue;
        }
      }
      const end = blanks > 0 ? c + blanks : nextBlankRun(row, c, to);
      const { text, style } = this.cellsText(row, c, end, this.pen.style);
      this.out += text;
      this.pen.style = style;
      c = end;
    }
    // After the last column the cursor waits for a wrap that terminals handle differently: forget it.
    this.pen.cursor = to >= this.columns ? null : { row: rowIndex, col: to };
  }

  /** Goes to the next span along a row by writing the unchanged cells between, when that is shorter than a move. */
  bridge(rowIndex: number, row: Row, to: number): void {
    const cursor = this.pen.cursor;
    if (cursor && cursor.row === rowIndex && cursor.col < to) {
      const gap = this.cellsText(row, cursor.col, to, this.pen.style).text;
      if (gap.length <= cursorMove(cursor, { row: rowIndex, col: to }).length) {
        this.writeCells(rowIndex, row, cursor.col, to);
        return;
      }
    }
    this.moveTo(rowIndex, to);
  }

  erase(rowIndex: number, col: number, sequence: string): void {
    this.moveTo(rowIndex, col);
    if (!erasesPlain(this.pen.style)) {
      this.out += sgrTransition(this.pen.style, PLAIN);
      this.pen.style = PLAIN;
    }
    this.out += sequence;
  }
}

/**
 * The update from `prev` (what the terminal shows; null = not known, so every cell is
 * written) to `next`. Both have one row per terminal row. `pen` is read and updated.
 */
export function frameUpdate(prev: readonly Row[] | null, next: readonly Row[], columns: number, pen: Pen): string {
  const w = new UpdateWriter(pen, columns);
  // A few blocks may have moved (the selection, the details pane): each scroll that pays goes first.
  for (let n = 0; prev && n < MAX_SHIFTS; n++) {
    const shift = findShift(prev, next, columns);
    if (!shift) break;
    // The scroll fills the rows it empties with the pen's background: plain, then.
    if (!erasesPlain(pen.style)) {
      w.out += sgrTransition(pen.style, PLAIN);
      pen.style = PLAIN;
    }
    w.out += shiftSequence(shift);
    // Setting and resetting the region moves the cursor home; an absolute move is the safe next step.
    pen.cursor = null;
    prev = shiftedRows(prev, shift, columns);
  }
  // The rows from which the frame is blank to the bottom: erased with one ESC[J when two or more need it.
  let blankFrom = next.length;
  while (blankFrom > 0 && blankTail(next[blankFrom - 1]!) === 0) blankFrom--;
  const rowsToClear: number[] = [];
  for (let r = blankFrom; r < next.length; r++)
    if (firstChange(prev?.[r] ?? null, next[r]!, 0) >= 0) rowsToClear.push(r);

  for (let r = 0; r < next.length; r++) {
    let before = prev?.[r] ?? null;
    const row = next[r]!;
    if (before === row) continue;
    const cellShift = before && findCellShift(before, row);
    if (cellShift) {
      // Deleting or inserting fills with the pen's background: plain, then. The cursor stays.
      w.erase(r, cellShift.at, cellShiftSequence(cellShift));
      before = shiftedCells(before!, cellShift);
    }
    if (rowsToClear.length >= 2 && r === rowsToClear[0]) {
      w.erase(r, 0, ERASE_BELOW);
      break;
    }
    const tail = blankTail(row);
    for (const span of changedSpans(before, row, tail)) {
      w.bridge(r, row, span.start);
      w.writeCells(r, row, span.start, span.end);
    }
    const from = firstChange(before, row, tail);
    if (from < 0) continue;
    const to = lastChange(before, row, from) + 1;
    if (to - from <= SPACES_BEFORE_ERASE && erasesPlain(pen.style)) {
      w.bridge(r, row, from);
      w.writeCells(r, row, from, to);
    } else {
      w.erase(r, from, ERASE_LINE_END);
    }
  }
  return w.out;
}
