// Rows that moved up or down together (the details pane when a run has one line more) are
// moved by the terminal, with a scroll inside a region (DECSTBM, then SU or SD), instead of
// being written again: a few bytes instead of a few hundred.
import { blankRow, blankRowOf, blankTail, sameCell, type Row } from './grid.js';

/** How far a block of rows may move to be found. */
const MAX_SHIFT = 4;
/** Setting the region, scrolling, resetting it, and the absolute move after: what a shift costs. */
const SHIFT_COST = 20;
/** A row that cannot come from `by` rows away (it would leave the screen): no run of rows passes it. */
const NO_RUN = -1_000_000_000;

export interface Shift {
  /** Rows [top, bottom] of the scroll region. */
  top: number;
  bottom: number;
  /** > 0: the content moves down by this many rows; < 0: up. */
  by: number;
}

/**
 * Roughly the bytes it takes to turn `from` into `to` in place: the changed cells'
 * characters; counted up to `limit` only (past it the caller's answer is the same).
 */
function repairBytes(from: Row, to: Row, limit = Infinity): number {
  if (from === to) return 0; // an unchanged line keeps its parsed row (frame-output.ts)
  let n = 0;
  for (let c = 0; c < to.length && n < limit; c++) {
    const cell = to[c]!;
    if (!sameCell(from[c]!, cell))
      n += cell.ch.length === 1 && cell.ch.charCodeAt(0) < 0x80 ? 1 : Buffer.byteLength(cell.ch);
  }
  return n;
}

/**
 * What findShift knows of the rows, each found once when first needed (-1: not yet):
 * whether the screen shows a row blank, and what a next row costs drawn over a blank row.
 */
class RowCosts {
  private readonly blankRows: Int8Array;
  private readonly fromBlankBytes: Int32Array;

  constructor(
    private readonly prev: readonly Row[],
    private readonly next: readonly Row[],
    private readonly inPlace: Int32Array,
    private readonly blank: Row,
  ) {
    this.blankRows = new Int8Array(next.length).fill(-1);
    this.fromBlankBytes = new Int32Array(next.length).fill(-1);
  }

  blankAt(r: number): boolean {
    if (this.blankRows[r]! < 0) this.blankRows[r] = blankTail(this.prev[r]!) === 0 ? 1 : 0;
    return this.blankRows[r] === 1;
  }

  /** repairBytes(blank, next[r]). */
  fromBlank(r: number): number {
    if (this.fromBlankBytes[r]! < 0)
      this.fromBlankBytes[r] = this.blankAt(r) ? this.inPlace[r]! : repairBytes(this.blank, this.next[r]!);
    return this.fromBlankBytes[r]!;
  }

  /** repairBytes(prev[from], next[r], limit). */
  moved(from: number, r: number, limit = Infinity): number {
    return this.blankAt(from) ? this.fromBlank(r) : repairBytes(this.prev[from]!, this.next[r]!, limit);
  }
}

/**
 * The one shift that saves the most bytes, if any saves more than it costs. Rows need not
 * match exactly: a row that moved and changed a little (a count in a heading) still moves.
 */
export function findShift(prev: readonly Row[], next: readonly Row[], columns: number): Shift | null {
  const last = next.length - 2; // the last row stays empty and out of every region
  // Small integers only (no -Infinity, no object per candidate): this runs on every frame
  // that changes more than a few characters (a busy screen's countdowns, each second), and
  // until V8 optimises it every double it reads or adds is an object to collect.
  const inPlace = new Int32Array(next.length);
  let inPlaceSum = 0;
  for (let r = 0; r <= last; r++) inPlaceSum += inPlace[r] = repairBytes(prev[r]!, next[r]!);
  // Small updates (a countdown, a progress bar) are never worth a scroll: no need to look.
  if (inPlaceSum <= SHIFT_COST) return null;
  const blank = blankRowOf(columns);
  // A blank row moved anywhere costs what a blank row costs: measured once per row. The first
  // frame after the starting screen is mostly rows drawn over blanks (docs/ARCHITECTURE.md,
  // Terminal output over SSH).
  const costs = new RowCosts(prev, next, inPlace, blank);
  // What emptied rows can add to a saving at most, whichever rows the scroll empties.
  let fromBlankGain = 0;
  for (let r = 0; r <= last; r++) {
    const n = inPlace[r]!;
    // Counted only up to n: the rest of the row changes nothing here.
    if (n > 0 && !costs.blankAt(r)) fromBlankGain += Math.max(0, n - repairBytes(blank, next[r]!, n));
  }
  let best: Shift | null = null;
  let bestSaving = 0;
  const gain = new Int32Array(next.length).fill(NO_RUN);
  for (let by = -MAX_SHIFT; by <= MAX_SHIFT; by++) {
    if (by === 0) continue;
    // At most, a shift saves what its rows gain (only rows that changed in place can) and
    // what its emptied rows gain: when that is not worth a scroll, weigh no runs. Thirty
    // countdowns changing a character each (a busy screen, every second) end here.
    let most = fromBlankGain - SHIFT_COST;
    for (let r = Math.max(0, by); r <= Math.min(last, last + by); r++)
      if (inPlace[r]! > 0) most += Math.max(0, inPlace[r]! - costs.moved(r - by, r, inPlace[r]));
    if (most <= 0) continue;
    // What each row gains by coming from `by` rows away; every run of rows [a, b] is weighed.
    for (let r = 0; r < next.length; r++)
      gain[r] = r > last || r - by < 0 || r - by > last ? NO_RUN : inPlace[r]! - costs.moved(r - by, r);
    for (let a = 0; a <= last; a++) {
      let sum = 0;
      for (let b = a; b <= last && gain[b]! !== NO_RUN; b++) {
        sum += gain[b]!;
        const top = by > 0 ? a - by : a;
        const bottom = by > 0 ? b : b - by;
        if (sum <= SHIFT_COST || top < 0 || bottom > last) continue;
        // The rows the scroll empties are then drawn from blank rather than from what they showed.
        const e0 = by > 0 ? top : b + 1;
        const e1 = by > 0 ? a - 1 : bottom;
        let saving = sum - SHIFT_COST;
        for (let e = e0; e <= e1; e++) saving += inPlace[e]! - costs.fromBlank(e);
        if (saving > 0 && (!best || saving > bestSaving)) {
          best = { top, bottom, by };
          bestSaving = saving;
        }
      }
    }
  }
  return best;
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
