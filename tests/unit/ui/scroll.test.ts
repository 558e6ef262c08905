import { expect, test } from 'vitest';
import { keepInView, moveIndex } from '../../../src/ui/state/scroll.js';

test('the window moves only when the cursor leaves it', () => {
  expect(keepInView(0, 3, 3, 10, 50)).toBe(0);
  expect(keepInView(0, 12, 13, 10, 50)).toBe(4);
  expect(keepInView(20, 5, 6, 10, 50)).toBe(5);
  expect(keepInView(45, 49, 49, 10, 50)).toBe(40);
  expect(keepInView(5, 0, 0, 10, 4)).toBe(0);
});

test('movements stay inside the list; a page moves one line less than the page', () => {
  expect(moveIndex(0, 'up', 5, 10)).toBe(0);
  expect(moveIndex(0, 'down', 5, 10)).toBe(1);
  expect(moveIndex(0, 'page-down', 30, 10)).toBe(9);
  expect(moveIndex(20, 'page-up', 30, 10)).toBe(11);
  expect(moveIndex(3, 'first', 30, 10)).toBe(0);
  expect(moveIndex(3, 'last', 30, 10)).toBe(29);
  expect(moveIndex(0, 'down', 0, 10)).toBe(0);
});
