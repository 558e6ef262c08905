// The one-line text fields (the task filter, the history filter's from/to) as keys arrive.
import { expect, test } from 'vitest';
import { eraseLast, typeInto } from '../../../src/ui/state/text-input.js';

test('a space typed on its own is kept; controls are not; line breaks become spaces', () => {
  const typed = [...'2026-11-30 02:00'].reduce((value, key) => typeInto(value, key), '');
  expect(typed).toBe('2026-11-30 02:00');
  expect(typeInto('Receive', ' ')).toBe('Receive ');
  expect(typeInto('a', '\u001b[31mb\u0007')).toBe('ab');
  expect(typeInto('a', 'b\r\nc')).toBe('ab  c');
  expect(typeInto('abc', 'def', 4)).toBe('abcd');
  expect(eraseLast('ab')).toBe('a');
  expect(eraseLast('')).toBe('');
});
