// New runs while the user reads the history: on the first page they appear at the top and
// the cursor stays on the run it was on; deeper, a line says how many wait above.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';
import { FakeEngine, makeTask, NOW } from '../helpers/fake-engine.js';
import { generatedHistory } from '../helpers/generated-history.js';
import { cursorLine, historyEngine } from '../helpers/history-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

test('on the first page: the new run appears at the top, the cursor stays on its run, the count follows', async () => {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('5 runs');
  const reading = cursorLine(await app.press('j', 'j'));
  expect(reading).toContain('Receive leads');

  engine.startRun({
    taskId: 'schedule',
    taskName: 'Upload schedule',
    service: 'booking',
    serviceName: 'Online booking',
    type: 'schedule',
    startedAt: NOW,
  });
  const f = await app.waitFor('6 runs');
  expect(f).toContain('14:10:00');
  expect(f).toMatch(/14:10:00\s+Upload schedule\s+Online booking\s+Schedule upload\s+Running/);
  expect(cursorLine(f)).toBe(reading);

  engine.finishRun(100, { outcome: 'error', errorClass: 'network', durationMs: 3000 });
  const finished = await app.waitFor('Error (network)');
  expect(cursorLine(finished)).toBe(reading);
});

test('deeper in the history: the window stays, "N new runs — Home to see them"; Home shows them', async () => {
  const engine = new FakeEngine({ tasks: [makeTask()], generated: generatedHistory(5_000) });
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('5 000 runs');
  const before = await app.press(KEYS.pageDown, 'j');
  const reading = cursorLine(before);

  engine.startRun({ startedAt: NOW, taskName: 'Receive calls' });
  engine.startRun({ startedAt: NOW, taskName: 'Receive calls' });
  const f = await app.waitFor('2 new runs — Home to see them');
  expect(cursorLine(f)).toBe(reading);
  expect(f).toContain('5 002 runs');

  const home = await app.press(KEYS.home);
  expect(home).not.toContain('new runs');
  expect(cursorLine(home)).toMatch(/14:10:00\s+Receive calls\s+.*Running/);
});

test('events that change nothing in the history draw nothing', async () => {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('5 runs');
  await app.settle();
  const frames = app.frames.length;
  const calls = engine.callsOf('history').length;
  engine.emit({ type: 'tasks-changed' });
  // The history is asked again first (what would draw), then a quiet moment: nothing drawn.
  await vi.waitFor(() => expect(engine.callsOf('history').length).toBeGreaterThan(calls));
  await app.settle();
  expect(app.frames.length).toBe(frames);
});
