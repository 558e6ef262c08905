// "Synchronisation information": i or Enter on a row; the summary, errors, the progress log
// and how long the details are kept; d opens the diagnostics; the popup takes the keys; Esc or i closes it.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { historyEngine } from '../helpers/history-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

async function onRun(keys: string[]) {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('5 runs');
  await app.press(...keys);
  return { engine, app };
}

test('i: summary, errors, progress log and "kept until"; Esc closes it', async () => {
  const { app, engine } = await onRun(['j', 'j', 'i']);
  const f = await app.waitFor('Progress log (2)');
  expect(f).toContain('Synchronisation information · run #23 · Receive leads');
  expect(f).toContain('Receive leads · Lead aggregator · Receiving leads');
  expect(f).toContain('Started 13:32:00 · manual by olga');
  expect(f).toContain('Instance olga@front-desk');
  expect(f).toContain('Error (auth) · took 1.2s');
  expect(f).toContain('Message: 401 Unauthorized: token expired');
  expect(f).toContain('Details kept until 28 Nov 14:02');
  expect(f).toContain('d: full diagnostics');
  expect(f).toContain('── Errors (2)');
  expect(f).toContain('✗ GET https://partner.leads.example/leads?page=1 → 401');
  expect(f).toContain('13:32:00   GET /leads?page=1');
  expect(f).toContain('↑↓ move  d diagnostics  Esc back');
  expect(engine.callsOf('runDetails')).toEqual([[23]]);
  const closed = await app.press(KEYS.escape);
  expect(closed).not.toContain('Synchronisation information');
  expect(closed).toContain('▶ History of synchronisations');
});

test('Enter opens it too, and i closes it', async () => {
  const { app } = await onRun([KEYS.enter]);
  await app.waitFor('Synchronisation information · run #25');
  expect(await app.press('i')).not.toContain('Synchronisation information');
});

test('the popup takes the keys while open: f, H and x do nothing under it; q closes it like Esc', async () => {
  const { app, engine } = await onRun(['i']);
  await app.waitFor('fetched page 1');
  await app.press('f', 'H', 'x');
  expect(app.frame()).toContain('Synchronisation information · run #25');
  expect(app.frame()).not.toContain('▶ Service');
  await app.press('q');
  expect(app.frame()).toContain('▶ History of synchronisations');
  expect(engine.listenerCount).toBeGreaterThan(0);
});

test('d opens the diagnostics of that run; Esc comes back to the popup', async () => {
  const { app } = await onRun(['j', 'j', 'i']);
  await app.waitFor('Progress log (2)');
  const diagnostics = await app.press('d');
  expect(diagnostics).toContain('Diagnostics of run #23 · Receive leads');
  expect(diagnostics).toContain('→ GET https://partner.leads.example/leads?page=1');
  expect(diagnostics).toContain('X-Api-Key: [redacted]');
  expect(diagnostics).toContain('← 401');
  const back = await app.press(KEYS.escape);
  expect(back).toContain('Synchronisation information · run #23');
});

test('removed details: the summary and when they were removed; no log fetched; d says why not', async () => {
  const { app, engine } = await onRun([KEYS.end, 'i']);
  const f = await app.waitFor('Synchronisation information · run #21');
  expect(f).toContain('Success · took 1.2s');
  expect(f).toContain('Details removed on 25 Nov 14:02 (retention)');
  expect(f).not.toContain('Progress log');
  expect(f).not.toContain('d diagnostics');
  expect(engine.callsOf('runDetails')).toEqual([]);
  await app.press('d');
  await app.waitFor('The details of this run were removed (retention).');
  expect(app.frame()).toContain('Synchronisation information · run #21');
});

test('a long log scrolls inside the popup', async () => {
  const engine = historyEngine();
  const run = engine.runs.get(25)!;
  run.log = Array.from({ length: 60 }, (_, i) => ({
    at: run.startedAt,
    level: 'info' as const,
    message: `line ${i + 1}`,
  }));
  const app = await renderApp(engine, { columns: 100, rows: 24 });
  await app.press('H');
  await app.waitFor('5 runs');
  await app.press('i');
  const top = await app.waitFor('line 1');
  expect(top).toMatch(/lines 1–\d+ of 68/);
  expect(top).not.toContain('line 60');
  const end = await app.press(KEYS.end);
  expect(end).toContain('line 60');
  expect(end).not.toContain('line 1 ');
  expect(await app.press(KEYS.home)).toContain('Receive calls · Telephony');
});

test('a running run: new log lines arrive in the open popup, and its end is shown', async () => {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  const live = engine.startRun({
    taskId: 'calls',
    taskName: 'Receive calls',
    log: [{ at: 1, level: 'info', message: 'started' }],
  });
  await app.press('H');
  await app.waitFor('6 runs');
  await app.press('i');
  await app.waitFor('Details are recorded while the run goes on');
  engine.log('calls', live.id, { at: 2, level: 'info', message: 'page 2 fetched' });
  await app.waitFor('page 2 fetched');
  engine.finishRun(live.id, {
    outcome: 'success',
    durationMs: 2500,
    finishedAt: live.startedAt + 2500,
    detailsKeptUntil: live.startedAt + 1000,
  });
  await app.waitFor('Success · took 2.5s');
});
