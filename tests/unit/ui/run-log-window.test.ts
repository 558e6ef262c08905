// The details pane's progress log: whole entries, newest last, older ones dropped whole.
import { expect, test } from 'vitest';
import {
  logWindow,
  maxLogScroll,
  runLogEntries,
  type LogEntryLines,
} from '../../../src/ui/components/run-log-lines.js';
import { catalogue } from '../../../src/ui/i18n/index.js';
import { createTheme } from '../../../src/ui/theme.js';
import { AT_1402, NOW } from '../../helpers/fake-engine.js';

/** Entries of the given heights, their lines named "<entry>.<line>". */
const entries = (...heights: number[]): LogEntryLines[] =>
  heights.map((h, e) => Array.from({ length: h }, (_, l) => ({ text: `${e}.${l}` })));
const texts = (window: { lines: { text: string }[] }) => window.lines.map((l) => l.text);

test('whole entries, newest last: an older entry that does not fit whole is dropped, not cut', () => {
  const log = entries(2, 3, 2);
  expect(texts(logWindow(log, 0, 7))).toEqual(['0.0', '0.1', '1.0', '1.1', '1.2', '2.0', '2.1']);
  // Six rows: entry 0 (two lines) no longer fits whole; never its second line alone.
  expect(texts(logWindow(log, 0, 6))).toEqual(['1.0', '1.1', '1.2', '2.0', '2.1']);
  expect(texts(logWindow(log, 0, 4))).toEqual(['2.0', '2.1']);
  expect(logWindow(log, 0, 6).entries).toBe(2);
});

test('scrolling hides the newest entries one by one, down to the oldest at the top', () => {
  const log = entries(2, 3, 2, 1);
  expect(maxLogScroll(log, 4)).toBe(3);
  expect(texts(logWindow(log, 1, 4))).toEqual(['2.0', '2.1']);
  expect(texts(logWindow(log, 2, 4))).toEqual(['1.0', '1.1', '1.2']);
  expect(texts(logWindow(log, 3, 4))).toEqual(['0.0', '0.1']);
  expect(texts(logWindow(log, 99, 4))).toEqual([]);
  expect(maxLogScroll(log, 8)).toBe(0);
  expect(maxLogScroll([], 5)).toBe(0);
});

test('an entry taller than the rows shows its beginning, its time first', () => {
  const log = entries(1, 5);
  expect(texts(logWindow(log, 0, 3))).toEqual(['1.0', '1.1', '1.2']);
  expect(maxLogScroll(entries(5, 1), 3)).toBe(1);
  expect(texts(logWindow(entries(5, 1), 1, 3))).toEqual(['0.0', '0.1', '0.2']);
});

test('at 80 columns (a 40-column pane) a long message wraps under its time and goes or stays as one entry', () => {
  const t = catalogue('en', false);
  const { glyphs } = createTheme({ color: false, ascii: false });
  const log = [
    {
      at: AT_1402,
      level: 'info' as const,
      message: 'fetched page 1 of the partner calls with a long explanation that wraps',
    },
    {
      at: AT_1402,
      level: 'error' as const,
      message: 'the partner answered 502 Bad Gateway while the second page of calls was being fetched',
    },
  ];
  const shown = runLogEntries(log, 40, t.time, glyphs, NOW);
  const [first, second] = shown.map((e) => e.length) as [number, number];
  expect(first).toBeGreaterThan(1);
  expect(second).toBeGreaterThan(1);
  // One row short of both: the older entry goes whole, the newer one starts with its time.
  const window = texts(logWindow(shown, 0, first + second - 1));
  expect(window).toHaveLength(second);
  expect(window[0]).toMatch(/^14:02:00 ✗ the partner/);
  expect(window.slice(1).every((line) => line.startsWith(' '.repeat(11)))).toBe(true);
});
