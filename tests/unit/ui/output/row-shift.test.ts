// findShift takes what a blank row costs from what it has measured once (the first frame
// after the starting screen is drawn mostly over blank rows): the shift it finds is the one
// the plain search finds, row costs measured every time (`referenceShift`, below).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { blankRow, blankRowOf, parseLine, sameCell, type Row } from '../../../../src/ui/output/grid.js';
import { findShift, type Shift } from '../../../../src/ui/output/row-shift.js';

const COLUMNS = 16;
const ROWS = 9;
const E = '\u001b[';

function repairBytes(from: Row, to: Row): number {
  let n = 0;
  for (let c = 0; c < to.length; c++) if (!sameCell(from[c]!, to[c]!)) n += Buffer.byteLength(to[c]!.ch);
  return n;
}

/** The search before the blank rows' costs were shared: every candidate run weighed from scratch. */
function referenceShift(prev: Row[], next: Row[], columns: number): Shift | null {
  const last = next.length - 2;
  const inPlace = next.map((row, r) => (r <= last ? repairBytes(prev[r]!, row) : 0));
  if (inPlace.reduce((a, b) => a + b, 0) <= 20) return null;
  const blank = blankRowOf(columns);
  let best: Shift | null = null;
  let bestSaving = 0;
  for (let by = -4; by <= 4; by++) {
    if (by === 0) continue;
    const gain = next.map((row, r) =>
      r > last || r - by < 0 || r - by > last ? null : inPlace[r]! - repairBytes(prev[r - by]!, row),
    );
    for (let a = 0; a <= last; a++) {
      let sum = 0;
      for (let b = a; b <= last && gain[b] !== null; b++) {
        sum += gain[b]!;
        const top = by > 0 ? a - by : a;
        const bottom = by > 0 ? b : b - by;
        if (sum <= 20 || top < 0 || bottom > last) continue;
        let saving = sum - 20;
        for (let e = by > 0 ? top : b + 1; e <= (by > 0 ? a - 1 : bottom); e++)
          saving += inPlace[e]! - repairBytes(blank, next[e]!);
        if (saving > 0 && (!best || saving > bestSaving)) {
          best = { top, bottom, by };
          bestSaving = saving;
        }
      }
    }
  }
  return best;
}

const text = fc.constantFrom(
  '',
  '',
  'task-17 backup',
  'ёлка 中文',
  `${E}1mbold${E}0m x`,
  '   spaced   ',
  'a',
  `${E}7m   ${E}0m`,
);
const lines = fc.array(text, { minLength: ROWS - 1, maxLength: ROWS - 1 });
const rowsOf = (ls: string[]): Row[] =>
  Array.from({ length: ROWS }, (_, r) => (r < ROWS - 1 && ls[r] ? parseLine(ls[r], COLUMNS) : blankRow(COLUMNS)));

describe('findShift', () => {
  test('finds the shift the plain search finds, over blank rows and others', () => {
    // Next frames are often the previous one moved by a few rows, with a few rows changed.
    const pair = fc.tuple(
      lines,
      fc.integer({ min: -3, max: 3 }),
      lines,
      fc.array(fc.boolean(), { minLength: ROWS, maxLength: ROWS }),
    );
    fc.assert(
      fc.property(pair, ([first, by, other, keep]) => {
        const moved = first.map((_, r) => (keep[r] ? (first[r - by] ?? '') : other[r]!));
        const prev = rowsOf(first);
        const next = rowsOf(moved);
        expect(findShift(prev, next, COLUMNS)).toEqual(referenceShift(prev, next, COLUMNS));
      }),
      { numRuns: 2000 },
    );
  });

  test('moves text drawn over blank rows when the move pays', () => {
    const body = ['', 'task-17 backup', 'task-18 backup', 'task-19 backup', '', '', '', ''];
    const prev = rowsOf(body);
    const next = rowsOf(['', '', '', ...body.slice(1, 4), '', '']);
    expect(findShift(prev, next, COLUMNS)).toEqual({ top: 0, bottom: 5, by: 2 });
    expect(referenceShift(prev, next, COLUMNS)).toEqual({ top: 0, bottom: 5, by: 2 });
  });
});
