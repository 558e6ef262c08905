// The history screen: opened with H (everything) or h (one task, the filter shown and
// removable), its columns, its count, and leaving it.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { historyEngine, rowOf } from '../helpers/history-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

const START = '▶ History of synchronisations with external services';

test('H: every run of every task, newest first, with every column and the count', async () => {
  const app = await renderApp(historyEngine(), { columns: 160, rows: 30 });
  await app.press('H');
  const f = await app.waitFor('5 runs');
  expect(f).toContain(`${START} · 5 runs`);
  expect(f).toContain('Filter: none, every run of every task');
  expect(f).toMatch(/Started\s+Task\s+Service\s+Type\s+Outcome\s+Duration\s+Started by\s+Instance\s+i/);
  const order = ['13:52:00', '13:42:00', '13:32:00', '13:22:00', '13:12:00'].map((time) => f.indexOf(time));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(rowOf(f, 'Receive leads')).toMatch(
    /^ !13:32:00\s+Receive leads\s+Lead aggregator\s+Receiving leads\s+Error \(auth\)\s+1\.2s\s+olga\s+olga@front-desk\s+i$/,
  );
  // Details of the oldest run were removed: no "i" at the end of its row.
  expect(rowOf(f, '13:12:00')).toMatch(/Success\s+1\.2s\s+scheduler\s+anna@clinic-pc$/);
  expect(f).toContain('↑↓ move  i info  f filter  ? help  Esc back');
});

test('h: the task of the cursor only, the filter shown; x removes it; Esc goes back to the task list', async () => {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('h');
  const f = await app.waitFor('3 runs');
  expect(f).toContain('Filter: task Receive calls');
  expect(f).not.toContain('Receive leads');
  expect(f).toContain('x clear filter');
  expect(engine.callsOf('history')[0]).toEqual([{ taskId: 'calls', limit: 21 }]);
  await app.press('x');
  const all = await app.waitFor('5 runs');
  expect(all).toContain('Filter: none, every run of every task');
  expect(all).toContain('Receive leads');
  expect(all).not.toContain('x clear filter');
  expect(await app.press(KEYS.escape)).toContain('Integration status');
});

test('the count is taken once per filter, never per key', async () => {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('5 runs');
  await app.press('j', 'j', 'j', KEYS.end, KEYS.home, KEYS.pageDown, KEYS.pageUp, 'k');
  expect(engine.callsOf('countHistory')).toEqual([[{}, 10_000]]);
});

test('an empty history says so; i without a row says why', async () => {
  const app = await renderApp(historyEngine({ runs: [] }), { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('0 runs');
  expect(app.frame()).toContain('No runs yet.');
  expect(await app.press('i')).toContain('No run selected.');
});

test('a failing engine is reported under the table, in words', async () => {
  const engine = historyEngine();
  engine.history = async () => {
    throw new Error('database is locked');
  };
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('Cannot load the history: database is locked');
});

test('? shows the keys of the history too; back from it, the history is where it was', async () => {
  const app = await renderApp(historyEngine(), { columns: 120, rows: 40 });
  await app.press('H');
  await app.waitFor('5 runs');
  await app.press('j', 'j');
  const help = await app.press('?');
  expect(help).toContain('▶ Keys');
  expect(help).toContain('Synchronisation information: summary, progress log, errors');
  expect(help).toContain('Clear every filter of the history');
  const back = await app.press(KEYS.escape);
  expect(back).toContain(START);
  expect(back).toMatch(/^›!13:32:00\s+Receive leads/m);
});
