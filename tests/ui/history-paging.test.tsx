// Paging through a million runs by keyset: only the visible rows are ever asked for,
// End reads the oldest page, PgUp and Home come back, and nothing is loaded in between.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import type { HistoryQuery } from '../../src/engine/types.js';
import { FakeEngine, makeTask } from '../helpers/fake-engine.js';
import { generatedHistory } from '../helpers/generated-history.js';
import { cursorLine } from '../helpers/history-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

const MILLION = 1_000_000;
/** 30 rows: header 2, footer 2, title and filter line 2, headings and notice 2. */
const PAGE = 21;

async function millionRuns() {
  const engine = new FakeEngine({ tasks: [makeTask()], generated: generatedHistory(MILLION) });
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('10 000+ runs');
  const queries = () => engine.callsOf('history').map(([q]) => q as HistoryQuery);
  return { engine, app, queries };
}

test('a million runs: "10 000+", the first page only, and End / PgUp / Home by keyset', async () => {
  const { app, queries } = await millionRuns();
  expect(queries()).toEqual([{ limit: PAGE }]);
  expect(app.frame()).toContain('↓ older runs below');

  const end = await app.press(KEYS.end);
  expect(queries().at(-1)).toEqual({ limit: PAGE, oldest: true });
  // The generated runs of 1M minutes ago: the oldest, with the cursor on run 1.
  expect(end).toContain('↑ newer runs above · the oldest run');
  expect(cursorLine(end)).toMatch(/Upload schedule|Receive leads|Receive calls/);

  await app.press(KEYS.pageUp);
  expect(queries().at(-1)).toEqual({ limit: PAGE, afterId: PAGE });
  await app.press(KEYS.pageUp);
  expect(queries().at(-1)).toEqual({ limit: PAGE, afterId: 2 * PAGE });

  const home = await app.press(KEYS.home);
  expect(queries().at(-1)).toEqual({ limit: PAGE });
  expect(home).not.toContain('newer runs above');
  expect(queries().every((q) => q.limit <= PAGE)).toBe(true);
});

test('PgDn pages down by run id; ↓ on the last row fetches one row; the cursor keeps its height', async () => {
  const { app, engine, queries } = await millionRuns();
  await app.press('j', 'j');
  await app.press(KEYS.pageDown);
  expect(queries().at(-1)).toEqual({ limit: PAGE, beforeId: MILLION - PAGE + 1 });
  await app.press(KEYS.pageDown);
  expect(queries().at(-1)).toEqual({ limit: PAGE, beforeId: MILLION - 2 * PAGE + 1 });
  const frame = app.frame();
  expect(frame.split('\n').findIndex((l) => l.startsWith('›'))).toBe(
    frame.split('\n').findIndex((l) => l.includes('Started')) + 3,
  );

  // From the third row, 18 moves reach the last row; the next three each fetch the one row below.
  for (let i = 0; i < PAGE; i++) await app.press('j');
  const bottom = MILLION - 3 * PAGE + 1;
  expect(queries().filter((q) => q.limit === 1)).toEqual([0, 1, 2].map((n) => ({ limit: 1, beforeId: bottom - n })));
  expect(engine.callsOf('countHistory')).toHaveLength(1);
});

test('i on a deep row shows that run; the details of old runs were removed', async () => {
  const { app, engine } = await millionRuns();
  await app.press(KEYS.end);
  const info = await app.press('i');
  expect(info).toContain('Synchronisation information · run #1 ·');
  // Two years back: the year is said (issue 17).
  expect(info).toMatch(/Details removed on \d+ \w+ 2024 \d\d:\d\d \(retention\)/);
  expect(info).toMatch(/Started \d+ \w+ 2024 \d\d:\d\d:\d\d · scheduled/);
  expect(engine.callsOf('runDetails')).toEqual([]);
});

test('in Russian the bound reads "10 000+ запусков"', async () => {
  const engine = new FakeEngine({ tasks: [makeTask()], generated: generatedHistory(MILLION) });
  const app = await renderApp(engine, { columns: 120, rows: 30, lang: 'ru' });
  await app.press('H');
  await app.waitFor('История синхронизаций с внешними сервисами · 10 000+ запусков');
});
