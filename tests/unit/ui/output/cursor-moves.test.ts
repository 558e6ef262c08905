// Every move cursorMove picks lands where it should on a real terminal emulator, and it is
// never longer than the absolute position.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { absoluteMove, cursorMove } from '../../../../src/ui/output/cursor-moves.js';
import { HeadlessTerminal } from '../../../helpers/headless-terminal.js';

const position = fc.record({ row: fc.integer({ min: 0, max: 23 }), col: fc.integer({ min: 0, max: 119 }) });

test('the shortest move lands on the target', async () => {
  const term = new HeadlessTerminal(120, 24);
  await fc.assert(
    fc.asyncProperty(position, position, async (from, to) => {
      const move = cursorMove(from, to);
      expect(move.length).toBeLessThanOrEqual(absoluteMove(to).length);
      await term.write(absoluteMove(from) + move);
      expect(term.cursor()).toEqual({ x: to.col, y: to.row });
      expect(term.scrolled).toBe(0);
    }),
    { numRuns: 500 },
  );
  term.dispose();
});

test('short moves are short', () => {
  expect(cursorMove({ row: 3, col: 10 }, { row: 4, col: 9 })).toBe('\u001b[B\b');
  expect(cursorMove({ row: 3, col: 10 }, { row: 4, col: 0 })).toBe('\u001b[E');
  expect(cursorMove({ row: 3, col: 10 }, { row: 3, col: 14 })).toBe('\u001b[4C');
  expect(cursorMove(null, { row: 0, col: 0 })).toBe('\u001b[H');
  expect(cursorMove(null, { row: 11, col: 0 })).toBe('\u001b[12H');
});
