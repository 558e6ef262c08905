// Text that moved left or right within a row (the key line when "resume" becomes "pause")
// is moved by the terminal, deleting (DCH) or inserting (ICH) characters where the row
// first differs, instead of being written again.
import { BLANK, blankTail, sameCell, type Cell, type Row } from './grid.js';

/** How far text may move within a row to be found. */
const MAX_SHIFT = 4;
/** A move to the place, and ESC[nP or ESC[n@. */
const SHIFT_COST = 10;

export interface CellShift {
  /** The column where characters are deleted or blanks inserted. */
  at: number;
  /** > 0: the text from `at` moves right by this many cells (ICH); < 0: left (DCH). */
  by: number;
}

const bytesOf = (cell: Cell) => (cell.ch.length === 1 && cell.ch.charCodeAt(0) < 0x80 ? 1 : Buffer.byteLength(cell.ch));

/** What writing `to` over `from` costs, cell by cell, in [at, end). */
function rewriteBytes(from: (c: number) => Cell, to: Row, at: number, end: number): number {
  let n = 0;
  for (let c = at; c < end; c++) if (!sameCell(from(c), to[c]!)) n += bytesOf(to[c]!);
  return n;
}

/** The shift at the first difference that saves the most bytes, if any saves more than it costs. */
export function findCellShift(prev: Row, next: Row): CellShift | null {
  const columns = next.length;
  let at = 0;
  while (at < columns && sameCell(prev[at]!, next[at]!)) at++;
  let end = columns;
  while (end > at && sameCell(prev[end - 1]!, next[end - 1]!)) end--;
  // A wide character must not be cut: not where the shift starts.
  if (end - at < SHIFT_COST || prev[at]!.width === 0 || next[at]!.width === 0) return null;
  // Shifting blanks gives blanks: a row drawn over a blank one (the first frames) has nothing to move.
  if (blankTail(prev) <= at) return null;
  const inPlace = rewriteBytes((c) => prev[c]!, next, at, end);
  // No shift saves more than writing the changed cells in place costs.
  if (inPlace <= SHIFT_COST) return null;
  let best: { shift: CellShift; saving: number } | null = null;
  for (let by = -MAX_SHIFT; by <= MAX_SHIFT; by++) {
    if (by === 0) continue;
    const n = Math.abs(by);
    // Nor where the deleted text ends, nor at the right edge the inserted blanks push text over.
    if (by < 0 && (at + n >= columns || prev[at + n]!.width === 0)) continue;
    if (by > 0 && prev[columns - by]!.width === 0) continue;
    const shifted = (c: number) =>
      c < at ? prev[c]! : by < 0 ? (prev[c + n] ?? BLANK) : c < at + by ? BLANK : prev[c - by]!;
    const saving = inPlace - rewriteBytes(shifted, next, at, columns) - SHIFT_COST;
    if (saving > 0 && (!best || saving > best.saving)) best = { shift: { at, by }, saving };
  }
  return best?.shift ?? null;
}

/** The row as the terminal shows it after the shift (blanks where it filled in). */
export function shiftedCells(row: Row, { at, by }: CellShift): Row {
  const n = Math.abs(by);
  const blanks = Array.from({ length: n }, () => BLANK);
  if (by < 0) return [...row.slice(0, at), ...row.slice(at + n), ...blanks];
  return [...row.slice(0, at), ...blanks, ...row.slice(at, row.length - n)];
}

export function cellShiftSequence({ by }: CellShift): string {
  const n = Math.abs(by);
  return `\u001b[${n === 1 ? '' : n}${by < 0 ? 'P' : '@'}`;
}
