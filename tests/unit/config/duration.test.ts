import { describe, expect, it } from 'vitest';
import { DURATION_HINT, formatDuration, parseDuration } from '../../../src/config/duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['0s', 0],
    ['90s', 90_000],
    ['366d', 366 * 86_400_000],
    [' 5m ', 300_000],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['5 minutes', '5', 'm', '1.5h', '-1s', '+1s', '5M', '5ms', '1w', '5m30s', '', '  ', '1e3s', '0x10s', '５m'])(
    '%j is not a duration',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('the hint names the accepted forms', () => {
    expect(DURATION_HINT).toBe('use 30s, 5m, 2h, 1d');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1_000, '1s'],
    [59_000, '59s'],
    [60_000, '1m'],
    [90_000, '90s'],
    [120_000, '2m'],
    [3_600_000, '1h'],
    [5_400_000, '90m'],
    [86_400_000, '1d'],
    [90_000_000, '25h'],
    [1_500, '2s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips every whole-second duration it writes', () => {
    for (const ms of [1_000, 45_000, 60_000, 150_000, 3_600_000, 7_260_000, 86_400_000, 172_800_000, 31_622_400_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
