// At 80×24 the details pane's progress log shows whole entries: never the wrapped second
// line of an entry without its first.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { FakeEngine, makeRun, makeTask, NOW, summaryOf } from '../helpers/fake-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

/** The log lines of the details pane: the rows under its "Progress log" heading, right of the separator in a side-by-side layout. */
function logRows(frame: string): string[] {
  const rows = frame.split('\n');
  const heading = rows.findIndex((row) => row.includes('Progress log'));
  const column = rows[heading]!.indexOf('Progress log') - 3;
  return rows.slice(heading + 1, -2).map((row) => [...row].slice(column).join('').trimEnd());
}

test('80×24: every entry of the log is shown whole or not at all, newest last, also while scrolling', async () => {
  const log = Array.from({ length: 12 }, (_, i) => ({
    at: NOW - 60_000,
    level: 'info' as const,
    message: `entry ${i + 1}: fetched a page of calls from the telephony partner${i % 2 === 1 ? ' and stored every one of them in the local database' : ''}`,
  }));
  const run = makeRun({ id: 3, log });
  const engine = new FakeEngine({ tasks: [makeTask({ lastRun: summaryOf(run) })], runs: [run] });
  const app = await renderApp(engine, { columns: 80, rows: 24 });
  await app.waitFor('entry 12');
  const check = (frame: string) => {
    const rows = logRows(frame).filter((row) => row.trim() !== '');
    expect(rows.length).toBeGreaterThan(1);
    // The first row is an entry's first line (its time), and each entry's rows are all there.
    expect(rows[0]).toMatch(/^\d\d:\d\d:\d\d/);
    const firsts = rows.filter((row) => /^\d\d:\d\d:\d\d/.test(row)).map((row) => Number(/entry (\d+)/.exec(row)![1]));
    expect(firsts).toEqual(Array.from({ length: firsts.length }, (_, i) => firsts[0]! + i));
    return firsts;
  };
  expect(check(app.frame()).at(-1)).toBe(12);
  await app.press(KEYS.tab);
  const scrolled = check(await app.press('k'));
  expect(scrolled.at(-1)).toBe(11);
  expect(check(await app.press(KEYS.home))[0]).toBe(1);
});
