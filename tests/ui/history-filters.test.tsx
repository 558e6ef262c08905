// The history's filter panel: lists picked with ↑/↓ (ink-select-input), Tab between fields,
// Enter applies, Esc cancels, x clears; the active filters always above the table.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { MINUTE, NOW } from '../helpers/fake-engine.js';
import { historyEngine, rowOf } from '../helpers/history-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

async function openPanel(app: Awaited<ReturnType<typeof openHistory>>['app']) {
  await app.press('f');
  return app.waitFor('▶ Service');
}

async function openHistory(columns = 140) {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns, rows: 30 });
  await app.press('H');
  await app.waitFor('5 runs');
  return { engine, app };
}

const lastQuery = (engine: ReturnType<typeof historyEngine>) => engine.callsOf('history').at(-1)?.[0];

test('errors only: f, Tab to the outcome, ↓, Enter — only the error rows, the filter shown, counted again', async () => {
  const { engine, app } = await openHistory();
  const panel = await openPanel(app);
  expect(panel).toContain('› All services');
  expect(panel).toContain('Outcome: All outcomes');
  expect(panel).toContain('Tab next field  Enter apply  Esc cancel');
  await app.press(KEYS.tab, KEYS.tab);
  expect(app.frame()).toContain('▶ Outcome');
  expect(await app.press(KEYS.down)).toContain('› Errors only');
  await app.press(KEYS.enter);
  const f = await app.waitFor('1 run');
  expect(f).toContain('Filter: errors only');
  expect(f).toContain('Receive leads');
  expect(rowOf(f, 'Success')).toBe('');
  expect(lastQuery(engine)).toEqual({ outcome: 'errors', limit: 21 });
  expect(engine.callsOf('countHistory')).toEqual([
    [{}, 10_000],
    [{ outcome: 'errors' }, 10_000],
  ]);
});

test('service and task type come from the engine catalogue; filters combine', async () => {
  const { engine, app } = await openHistory();
  expect(await openPanel(app)).toContain('Lead aggregator');
  await app.press('j', 'j');
  expect(app.frame()).toContain('› Lead aggregator');
  await app.press(KEYS.tab, 'j', 'j');
  expect(app.frame()).toContain('› Receiving leads');
  await app.press(KEYS.enter);
  const f = await app.waitFor('1 run');
  expect(f).toContain('Filter: service Lead aggregator · type Receiving leads');
  expect(lastQuery(engine)).toEqual({ service: 'leads', type: 'leads', limit: 21 });
});

test('task and time range: "last 24 h" asks for runs since a day ago', async () => {
  const { engine, app } = await openHistory();
  await openPanel(app);
  await app.press(KEYS.tab, KEYS.tab, KEYS.tab);
  expect(app.frame()).toContain('▶ Task');
  // Task, then past "started by" to the time: any, today, last 24 hours.
  await app.press(KEYS.down, KEYS.tab, KEYS.tab, KEYS.down, KEYS.down, KEYS.enter);
  const f = await app.waitFor('Filter: task Receive calls · last 24 h');
  expect(f).toContain('3 runs');
  expect(lastQuery(engine)).toEqual({ taskId: 'calls', since: NOW - 24 * 60 * MINUTE, limit: 21 });
});

test('Esc closes the panel without applying; Shift+Tab and ← go back a field; x clears everything', async () => {
  const { engine, app } = await openHistory();
  await openPanel(app);
  await app.press(KEYS.tab, KEYS.tab, KEYS.down);
  await app.press(KEYS.escape);
  expect(app.frame()).toContain('Filter: none, every run of every task');
  expect(app.frame()).not.toContain('▶ Outcome');
  expect(engine.callsOf('countHistory')).toHaveLength(1);

  await openPanel(app);
  await app.press(KEYS.tab, KEYS.tab);
  expect(await app.press('\u001b[Z')).toContain('▶ Task type');
  expect(await app.press('\u001b[D')).toContain('▶ Service');
  await app.press(KEYS.down, KEYS.enter);
  await app.waitFor('Filter: service Telephony');
  expect(await app.press('x')).toContain('Filter: none, every run of every task');
});

test('the panel takes the keys while open: i and q do not reach the table', async () => {
  const { engine, app } = await openHistory();
  await openPanel(app);
  await app.press('q', 'i');
  expect(app.frame()).toContain('▶ Service');
  expect(app.frame()).not.toContain('Synchronisation information');
  expect(engine.callsOf('runDetails')).toEqual([]);
});

test('keys arriving together (Tab, Tab, ↓ in one read) are taken one after the other', async () => {
  const { app } = await openHistory();
  await openPanel(app);
  await app.press('\t\tj');
  expect(app.frame()).toContain('› Errors only');
  expect(app.frame()).toContain('Task type: All task types');
});

test('a filter matching nothing says so; the panel makes way for a narrow table', async () => {
  const { app } = await openHistory(80);
  const panel = await openPanel(app);
  expect(panel).not.toMatch(/Started\s+Task/);
  await app.press(KEYS.tab, KEYS.tab, 'j', 'j', 'j', 'j', 'j', KEYS.enter);
  const f = await app.waitFor('0 runs');
  expect(f).toContain('Filter: interrupted');
  expect(f).toContain('No run matches the filter.');
});
