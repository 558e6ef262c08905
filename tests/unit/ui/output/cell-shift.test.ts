// findCellShift gives up early where no shift can pay (a row drawn over blanks, a change
// that costs less than a shift): the shift it finds is the one the full search finds
// (`referenceCellShift`, below, every candidate weighed).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findCellShift, type CellShift } from '../../../../src/ui/output/cell-shift.js';
import { BLANK, blankRow, parseLine, sameCell, type Cell, type Row } from '../../../../src/ui/output/grid.js';

const COLUMNS = 24;
const E = '\u001b[';

function rewriteBytes(from: (c: number) => Cell, to: Row, at: number, end: number): number {
  let n = 0;
  for (let c = at; c < end; c++) if (!sameCell(from(c), to[c]!)) n += Buffer.byteLength(to[c]!.ch);
  return n;
}

function referenceCellShift(prev: Row, next: Row): CellShift | null {
  const columns = next.length;
  let at = 0;
  while (at < columns && sameCell(prev[at]!, next[at]!)) at++;
  let end = columns;
  while (end > at && sameCell(prev[end - 1]!, next[end - 1]!)) end--;
  if (end - at < 10 || prev[at]!.width === 0 || next[at]!.width === 0) return null;
  const inPlace = rewriteBytes((c) => prev[c]!, next, at, end);
  let best: { shift: CellShift; saving: number } | null = null;
  for (let by = -4; by <= 4; by++) {
    if (by === 0) continue;
    const n = Math.abs(by);
    if (by < 0 && (at + n >= columns || prev[at + n]!.width === 0)) continue;
    if (by > 0 && prev[columns - by]!.width === 0) continue;
    const shifted = (c: number) =>
      c < at ? prev[c]! : by < 0 ? (prev[c + n] ?? BLANK) : c < at + by ? BLANK : prev[c - by]!;
    const saving = inPlace - rewriteBytes(shifted, next, at, columns) - 10;
    if (saving > 0 && (!best || saving > best.saving)) best = { shift: { at, by }, saving };
  }
  return best?.shift ?? null;
}

const piece = fc.constantFrom('', ' ', '  ', 'resume', 'pause', 'ёлка', '中文', `${E}1mq${E}0m`, 'x', '     ');
const line = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

describe('findCellShift', () => {
  test('finds the shift the full search finds, over blank rows and others', () => {
    fc.assert(
      fc.property(line, line, fc.integer({ min: 0, max: 4 }), (a, b, pad) => {
        const prev = parseLine(a, COLUMNS);
        // Half the time the next row is the previous one with text inserted or removed.
        const next = parseLine(pad % 2 ? `${a.slice(0, pad)}${' '.repeat(pad)}${a.slice(pad)}` : b, COLUMNS);
        expect(findCellShift(prev, next)).toEqual(referenceCellShift(prev, next));
      }),
      { numRuns: 3000 },
    );
  });

  test('a row drawn over a blank one has nothing to move; text moved along a row does', () => {
    const row = parseLine('  [q] quit  [p] resume  [?]', COLUMNS);
    expect(findCellShift(blankRow(COLUMNS), row)).toBeNull();
    const moved = parseLine('  [q] quit  [p] pause  [?]', COLUMNS);
    expect(findCellShift(row, moved)).toEqual(referenceCellShift(row, moved));
    expect(
      findCellShift(
        parseLine('ab  [q] quit [p] pause [?] help', COLUMNS),
        parseLine('ab[q] quit [p] pause [?] help', COLUMNS),
      ),
    ).toEqual({ at: 2, by: -2 });
  });
});
