// Rows that moved up or down together (the details pane when a run has one line more) are
// moved by the terminal, with a scroll inside a region (DECSTBM, then SU or SD), instead of
// being written again: a few bytes instead of a few hundred.
import { blankRow, isBlank, sameCell, type Row } from './grid.js';

/** How far a block of rows may move to be found. */
const MAX_SHIFT = 4;
/** Setting the region, scrolling, resetting it, and the absolute move after: what a shift costs. */
const SHIFT_COST = 20;

export interface Shift {
  /** Rows [top, bottom] of the scroll region. */
  top: number;
  bottom: number;
  /** > 0: the content moves down by this many rows; < 0: up. */
  by: number;
}

const keys = new WeakMap<Row, string>();

function keyOf(row: Row): string {
  let key = keys.get(row);
  if (key === undefined) {
    key = row.map((c) => `${c.ch}\u0000${c.style.id}`).join('\u0001');
    keys.set(row, key);
  }
  return key;
}

const sameRow = (a: Row, b: Row) => a === b || keyOf(a) === keyOf(b);

/** Cells to write to turn `from` into `to` (a rough byte count of doing it in place). */
function changedCells(from: Row, to: Row): number {
  let n = 0;
  for (let c = 0; c < to.length; c++) if (!sameCell(from[c]!, to[c]!)) n++;
  return n;
}

const filledCells = (row: Row) => row.reduce((n, c) => (isBlank(c) ? n : n + 1), 0);

/** The one shift that saves the most bytes, if any saves more than it costs. */
export function findShift(prev: readonly Row[], next: readonly Row[]): Shift | null {
  let best: { shift: Shift; saving: number } | null = null;
  const last = next.length - 2; // the last row stays empty and out of every region
  for (let by = -MAX_SHIFT; by <= MAX_SHIFT; by++) {
    if (by === 0) continue;
    let r = 0;
    while (r <= last) {
      const from = r - by;
      if (from < 0 || from > last || !sameRow(next[r]!, prev[from]!) || sameRow(next[r]!, prev[r]!)) {
        r++;
        continue;
      }
      // A run of rows [a, b] whose content was `by` rows away.
      const a = r;
      let saving = 0;
      while (r <= last && r - by >= 0 && r - by <= last && sameRow(next[r]!, prev[r - by]!)) {
        saving += changedCells(prev[r]!, next[r]!);
        r++;
      }
      const b = r - 1;
      const shift = by > 0 ? { top: a - by, bottom: b, by } : { top: a, bottom: b - by, by };
      if (shift.top < 0 || shift.bottom > last) continue;
      // The rows the scroll empties must then be drawn from blank rather than from what they showed.
      const emptied = by > 0 ? [shift.top, a - 1] : [b + 1, shift.bottom];
      for (let e = emptied[0]!; e <= emptied[1]!; e++) saving += changedCells(prev[e]!, next[e]!) - filledCells(next[e]!);
      saving -= SHIFT_COST;
      if (saving > 0 && (!best || saving > best.saving)) best = { shift, saving };
    }
  }
  return best?.shift ?? null;
}

/** What the screen shows after the shift. */
export function shiftedRows(prev: readonly Row[], shift: Shift, columns: number): Row[] {
  const rows = [...prev];
  const blank = blankRow(columns);
  const { top, bottom, by } = shift;
  for (let r = top; r <= bottom; r++) {
    const from = r - by;
    rows[r] = from >= top && from <= bottom ? prev[from]! : blank;
  }
  return rows;
}

/** The bytes of the shift: set the region, scroll it, reset the region (which also homes the cursor). */
export function shiftSequence(shift: Shift): string {
  const n = Math.abs(shift.by);
  const scroll = `\u001b[${n === 1 ? '' : n}${shift.by > 0 ? 'T' : 'S'}`;
  return `\u001b[${shift.top + 1};${shift.bottom + 1}r${scroll}\u001b[r`;
}
