// Issue 19 on the dashboard: the strip of recent outcomes in the task list and the details
// pane, the Instances screen (I), and w from a task to the instance running it.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { recentRing } from '../../src/engine/recent-runs.js';
import type { FinishedOutcome, TaskView } from '../../src/engine/types.js';
import { makeInstance, sampleEngine } from '../helpers/fake-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

const MIX: FinishedOutcome[] = ['success', 'success', 'success', 'error', 'warning', 'cancelled', 'interrupted'];
const recentMix = (): TaskView['recentRing'] =>
  recentRing(MIX.map((outcome, i) => ({ runId: i + 1, outcome, durationMs: (i + 1) * 400 })));

function engineWithTrends() {
  const olga = makeInstance({
    id: 'inst-b',
    label: 'olga@front-desk',
    user: 'olga',
    osUser: 'olga',
    host: 'front-desk',
    pid: 777,
    kind: 'engine',
    self: false,
    running: ['sms'],
    clockSkewMs: 120,
    roles: ['reception', 'sms'],
  });
  const engine = sampleEngine({ instances: [makeInstance(), olga] });
  engine.tasks = engine.tasks.map((t) => (t.id === 'calls' ? { ...t, recentRing: recentMix() } : t));
  return engine;
}

const lineWith = (frame: string, text: string) => frame.split('\n').find((l) => l.includes(text)) ?? '';
/** The table row of an instance (not the title of its details). */
/** A task's row in the list (the cursor's marker, a space or a failing mark first). */
const taskRow = (frame: string, name: string) =>
  frame.split('\n').find((l) => /^[›> ]/.test(l) && l.includes(name) && !l.includes('Integration status')) ?? '';
const rowOf = (frame: string, label: string) =>
  frame.split('\n').find((l) => /^[›> ] /.test(l) && l.slice(2).startsWith(label)) ?? '';

describe('the strip of recent outcomes', () => {
  test('a Recent column where the list is wide enough: one cell per run, newest on the right', async () => {
    const app = await renderApp(engineWithTrends(), { columns: 200, rows: 30, color: false });
    const frame = await app.waitFor('Receive calls');
    expect(lineWith(frame, 'Last run')).toMatch(/Last run\s+Recent\s+│/);
    expect(taskRow(frame, 'Receive calls')).toMatch(/14:02 \(Error\)\s+✓✓✓✗!–↯\s+│/);
    // Tasks without finished runs get no cells.
    expect(taskRow(frame, 'Upload schedule')).toMatch(/never\s+│/);
  });

  test('no column where the names would lose their room, nor when no task has finished runs', async () => {
    const narrow = await renderApp(engineWithTrends(), { columns: 80, rows: 30, color: false });
    const frame = await narrow.waitFor('Receive calls');
    expect(lineWith(frame, 'Last run')).not.toContain('Recent');
    expect(lineWith(frame, 'Receive calls')).toMatch(/14:02 \(Error\)$/);
    cleanup();
    const fresh = await renderApp(sampleEngine(), { columns: 120, rows: 30, color: false });
    expect(lineWith(await fresh.waitFor('Receive calls'), 'Last run')).not.toContain('Recent');
  });

  test('ASCII (no UTF-8): other characters, still one per outcome', async () => {
    const app = await renderApp(engineWithTrends(), { columns: 200, rows: 30, color: false, ascii: true });
    const frame = await app.waitFor('Receive calls');
    expect(taskRow(frame, 'Receive calls')).toMatch(/\+\+\+x!-~\s+\|/);
    expect(frame).toContain('Recent +++x!-~ - 4/7 ok - median 1.6s - .:-=+*#');
  });

  test('the details pane: the strip, how many did their job, the median and a sparkline', async () => {
    const app = await renderApp(engineWithTrends(), { columns: 200, rows: 30, color: false });
    expect(await app.waitFor('Recent ✓')).toContain('Recent ✓✓✓✗!–↯ · 4/7 ok · median 1.6s · ▂▃▄▅▆▇█');
  });

  test('Russian', async () => {
    const app = await renderApp(engineWithTrends(), { columns: 200, rows: 30, color: false, lang: 'ru' });
    expect(await app.waitFor('Последние ✓')).toContain('Последние ✓✓✓✗!–↯ · успешно 4 из 7 · медиана 1,6 с');
  });
});

describe('the Instances screen', () => {
  test('I lists every live instance; ↓ selects the next, whose details show below; Esc goes back', async () => {
    const app = await renderApp(engineWithTrends(), { columns: 120, rows: 30, color: false });
    await app.waitFor('Receive calls');
    const frame = await app.press('I');
    expect(await app.waitFor('olga@front-desk')).toContain('Instances · 2 live instances');
    const screen = app.frame();
    expect(frame).toContain('Instances');
    expect(lineWith(screen, 'Instance ')).toMatch(
      /Instance\s+Kind\s+PID\s+Version\s+Started\s+Heartbeat\s+Clock skew\s+Running/,
    );
    expect(rowOf(screen, 'anna@clinic-pc')).toMatch(
      /^› anna@clinic-pc \(this dashboard\)\s+dashboard\s+4242\s+0\.1\.0\s+13:02\s+2s ago\s+—\s+—$/,
    );
    expect(rowOf(screen, 'olga@front-desk')).toMatch(
      /^ {2}olga@front-desk\s+engine\s+777\s+0\.1\.0\s+13:02\s+2s ago\s+\+120ms\s+Send reminders$/,
    );
    expect(screen).toContain('Running: nothing');
    const down = await app.press(KEYS.down);
    expect(rowOf(down, 'olga@front-desk')).toMatch(/^›/);
    expect(down).toContain('User olga · host front-desk · pid 777 · engine · version 0.1.0');
    expect(down).toContain('Roles: reception, sms · starts runs on its own');
    expect(down).toContain('database clock minus its clock: +120ms');
    expect(down).toContain('Running: Send reminders');
    expect(await app.press(KEYS.escape)).toContain('Integration status');
  });

  test('an instance whose lease lapsed leaves the list at the next read', async () => {
    const engine = engineWithTrends();
    const app = await renderApp(engine, { columns: 120, rows: 30, color: false });
    await app.waitFor('Receive calls');
    await app.press('I');
    await app.waitFor('olga@front-desk');
    engine.liveInstances = engine.liveInstances.filter((i) => i.id !== 'inst-b');
    engine.emit({ type: 'tasks-changed' });
    expect(await app.waitFor('1 live instance')).not.toContain('olga@front-desk');
  });

  test('w on a task running elsewhere opens the Instances screen on the instance running it', async () => {
    const engine = engineWithTrends();
    const app = await renderApp(engine, { columns: 120, rows: 30, color: false });
    await app.waitFor('Receive calls');
    await app.press('j', 'j', 'j');
    await app.waitFor((f) => taskRow(f, 'Send reminders').startsWith('›'));
    await app.press('w');
    const frame = await app.waitFor((f) => rowOf(f, 'olga@front-desk') !== '');
    expect(rowOf(frame, 'olga@front-desk')).toMatch(/^›/);
    expect(frame).toContain('── olga@front-desk ─');
  });

  test('w on a task whose instance is gone says so; w on a task that is not running is refused', async () => {
    const engine = engineWithTrends();
    engine.liveInstances = [makeInstance()];
    const app = await renderApp(engine, { columns: 120, rows: 30, color: false });
    await app.waitFor('Receive calls');
    expect(await app.press('w')).toContain('The task is not running.');
    await app.press('j', 'j', 'j');
    await app.waitFor((f) => taskRow(f, 'Send reminders').startsWith('›'));
    await app.press('w');
    expect(await app.waitFor('no longer live')).toContain(
      'The instance that was running the task, olga@front-desk, is no longer live',
    );
  });

  test('ASCII (no UTF-8): the Instances screen draws ASCII only', async () => {
    const app = await renderApp(engineWithTrends(), { columns: 120, rows: 30, color: false, ascii: true });
    await app.waitFor('Receive calls');
    await app.press('I');
    const frame = await app.waitFor((f) => rowOf(f, 'olga@front-desk') !== '');
    await app.press(KEYS.down);
    for (const f of [frame, app.frame()]) expect(f).toMatch(/^[\x20-\x7e\n]*$/);
    expect(rowOf(frame, 'anna@clinic-pc')).toMatch(
      /^> anna@clinic-pc \(this dashboard\)\s+dashboard\s+4242\s+0\.1\.0\s+13:02\s+2s ago\s+-\s+-$/,
    );
  });

  test('the keys are in the key line and on the ? screen', async () => {
    const app = await renderApp(engineWithTrends(), { columns: 200, rows: 40, color: false });
    expect(await app.waitFor('Receive calls')).toContain('I instances');
    await app.press('I');
    await app.waitFor('olga@front-desk');
    expect(app.frame()).toMatch(/↑↓ move\s+\? help\s+Esc back$/m);
    const help = await app.press('?');
    expect(help).toMatch(/^ +I +Every live syncdeck instance: who runs it where, and what it runs now$/m);
    expect(help).toMatch(/^ +w +The instance running this task \(on the Instances screen\)$/m);
    const end = await app.press(KEYS.end);
    expect(end).toMatch(/^Instances\n {2}↑\/k +Move up/m);
    expect(end).toMatch(/Esc\/q +Close this screen\n *\nEverywhere/);
  });
});
