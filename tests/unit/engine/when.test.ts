// WHEN of `history --since/--until` and of the filter panel's from/to.
import { describe, expect, test } from 'vitest';
import { parseWhen } from '../../../src/engine/when.js';

const NOW = new Date(2026, 11, 1, 9, 30, 0).getTime();

describe('parseWhen', () => {
  test('a span back from now: minutes, hours, days', () => {
    expect(parseWhen('90m', NOW)).toBe(NOW - 90 * 60_000);
    expect(parseWhen('2h', NOW)).toBe(NOW - 2 * 3_600_000);
    expect(parseWhen(' 7d ', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseWhen('0m', NOW)).toBe(NOW);
  });

  test('a date is local midnight; a date and time is local time', () => {
    expect(parseWhen('2026-11-30', NOW)).toBe(new Date(2026, 10, 30).getTime());
    expect(parseWhen('2026-11-30 02:00', NOW)).toBe(new Date(2026, 10, 30, 2, 0).getTime());
    expect(parseWhen('2026-11-30T02:00:15', NOW)).toBe(new Date(2026, 10, 30, 2, 0, 15).getTime());
    expect(parseWhen('2026-11-30T02:00:15.25', NOW)).toBe(new Date(2026, 10, 30, 2, 0, 15, 250).getTime());
  });

  test('a zone makes it that zone, whatever the local one', () => {
    expect(parseWhen('2026-11-30T02:00Z', NOW)).toBe(Date.UTC(2026, 10, 30, 2, 0));
    expect(parseWhen('2026-11-30T02:00:00+03:00', NOW)).toBe(Date.UTC(2026, 10, 29, 23, 0));
    expect(parseWhen('2026-11-30 02:00 -0530', NOW)).toBe(Date.UTC(2026, 10, 30, 7, 30));
    expect(parseWhen('2026-11-30T02:00+03', NOW)).toBe(Date.UTC(2026, 10, 29, 23, 0));
  });

  test.each([
    '',
    'yesterday',
    '2h ago',
    '-2h',
    '2026-13-01',
    '2026-02-30',
    '2026-11-30 24:00',
    '2026-11-30 02:60',
    '2026-11-30T02',
    '30.11.2026',
    '2026-11-30T02:00+15:00',
    '7w',
    '1.5h',
  ])('%j is not a WHEN', (text) => {
    expect(parseWhen(text, NOW)).toBeNull();
  });
});
