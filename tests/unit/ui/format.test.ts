import { describe, expect, test } from 'vitest';
import {
  formatAgo,
  formatClock,
  formatDuration,
  formatInterval,
  formatRelative,
  formatSpan,
} from '../../../src/ui/format.js';
import { catalogue } from '../../../src/ui/i18n/index.js';

const en = catalogue('en', false).time;
const ru = catalogue('ru', false).time;
const NOW = new Date(2025, 10, 26, 14, 10, 0).getTime();

describe('relative times', () => {
  test('future and past in one coarse unit', () => {
    expect(formatRelative(NOW + 4 * 60_000, NOW, en)).toBe('in 4m');
    expect(formatRelative(NOW + 4 * 60_000 + 59_000, NOW, en)).toBe('in 4m');
    expect(formatRelative(NOW - 2 * 60_000, NOW, en)).toBe('2m ago');
    expect(formatRelative(NOW + 45_000, NOW, en)).toBe('in 45s');
    expect(formatRelative(NOW - 3 * 3_600_000, NOW, en)).toBe('3h ago');
    expect(formatRelative(NOW + 2 * 86_400_000, NOW, en)).toBe('in 2d');
    expect(formatRelative(NOW + 300, NOW, en)).toBe('now');
  });

  test('"ago" beside a clock time counts minutes, not seconds', () => {
    expect(formatAgo(NOW - 1_000, NOW, en)).toBe('<1m ago');
    expect(formatAgo(NOW - 59_999, NOW, en)).toBe('<1m ago');
    expect(formatAgo(NOW - 60_000, NOW, en)).toBe('1m ago');
    expect(formatAgo(NOW - 3 * 3_600_000, NOW, en)).toBe('3h ago');
    expect(formatAgo(NOW - 5_000, NOW, ru)).toBe('<1 мин назад');
  });

  test('Russian words', () => {
    expect(formatRelative(NOW + 4 * 60_000, NOW, ru)).toBe('через 4 мин');
    expect(formatRelative(NOW - 2 * 60_000, NOW, ru)).toBe('2 мин назад');
  });
});

describe('spans and durations', () => {
  test('two most significant units', () => {
    expect(formatSpan(90_000, en)).toBe('1m 30s');
    expect(formatSpan(60_000, en)).toBe('1m');
    expect(formatSpan(2 * 3_600_000 + 5 * 60_000, en)).toBe('2h 5m');
    expect(formatSpan(3 * 86_400_000 + 4 * 3_600_000, en)).toBe('3d 4h');
    expect(formatInterval(30 * 60_000, ru)).toBe('30 мин');
  });

  test('durations below a minute keep precision', () => {
    expect(formatDuration(850, en)).toBe('850ms');
    expect(formatDuration(1234, en)).toBe('1.2s');
    expect(formatDuration(12_345, en)).toBe('12s');
    expect(formatDuration(65_000, en)).toBe('1m 5s');
    expect(formatDuration(1234, ru)).toBe('1,2 с');
  });
});

describe('clock times', () => {
  test('today as HH:MM, another day with the date', () => {
    expect(formatClock(new Date(2025, 10, 26, 14, 2).getTime(), NOW, en)).toBe('14:02');
    expect(formatClock(new Date(2025, 10, 26, 14, 2, 9).getTime(), NOW, en, true)).toBe('14:02:09');
    expect(formatClock(new Date(2025, 10, 25, 9, 5).getTime(), NOW, en)).toBe('25 Nov 09:05');
    expect(formatClock(new Date(2025, 10, 25, 9, 5).getTime(), NOW, ru)).toBe('25 ноя 09:05');
  });
});
