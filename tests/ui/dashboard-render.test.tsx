// What the dashboard draws: rows, groups, intervals, progress, repeat, details, header.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { AT_1402, FakeEngine, makeRun, makeTask, sampleEngine, summaryOf } from '../helpers/fake-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

// A task's row, not the pane titles above the list (which name the selected task beside the list).
const rowOf = (frame: string, name: string) =>
  frame.split('\n').find((line) => line.includes(name) && !line.startsWith('▶')) ?? '';

describe('task rows', () => {
  test('status word or progress bar, name, interval, next run, last run with its outcome', async () => {
    const { frame } = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    expect(rowOf(frame(), 'Receive calls')).toMatch(/Waiting\s+Receive calls\s+1m 4m\s+in 4m\s+14:02 \(Error\)/);
    expect(rowOf(frame(), 'Receive leads')).toMatch(/███░░░\s+42% Receive leads/);
    expect(rowOf(frame(), 'Receive leads')).toContain('14:02 (Running)');
    expect(rowOf(frame(), 'Upload schedule')).toMatch(/Unavailable\s+Upload schedule\s+1m\s+in 4m\s+never/);
  });

  test('a task running on another instance says "Repeat" and names it', async () => {
    const { frame } = await renderApp(sampleEngine(), { columns: 110, rows: 30 });
    expect(rowOf(frame(), 'Send reminders')).toContain('14:02 (Repeat olga@front-desk)');
    // Its total is unknown: the bar sweeps (issue 17) instead of saying "Running".
    expect(rowOf(frame(), 'Send reminders')).toMatch(/^ {2}[█░]{6}\s+Send reminders/);
  });

  test('a failing task shows since when and how many runs, and is marked', async () => {
    const { frame } = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    expect(frame()).toContain('└ failing since 14:02, 5 runs');
    expect(rowOf(frame(), 'Receive calls')).toMatch(/^›!/);
  });

  test('the progress bar moves in place on a progress event', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    engine.emit({ type: 'run-progress', taskId: 'leads', runId: 9, done: 100, total: 100 });
    await app.waitFor((f) => rowOf(f, 'Receive leads').includes('100%'));
    expect(rowOf(app.frame(), 'Receive leads')).toContain('██████ 100%');
  });

  test('ASCII fallback draws the bar and markers without Unicode', async () => {
    const { frame } = await renderApp(sampleEngine(), { columns: 100, rows: 30, ascii: true });
    expect(rowOf(frame(), 'Receive leads')).toMatch(/###---\s+42%/);
    expect(frame()).toContain('`- failing since 14:02, 5 runs');
    expect(frame()).not.toMatch(/[█░›▶│…·─]/);
  });
});

describe('groups', () => {
  test('headers by task type with counts and health; g groups by service and flags a service that is down', async () => {
    const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    expect(app.frame()).toContain('Receiving calls · 1 task · 1 failing');
    expect(app.frame()).toContain('Receiving leads · 1 task · ok');
    expect(app.frame()).toContain('by task type');
    const byService = await app.press('g');
    expect(byService).toContain('by service');
    // A single failing task does not make its service "probably down" (issue 17).
    expect(byService).toContain('Telephony · 1 task · 1 failing');
    expect(byService).not.toContain('probably down');
    expect(byService).toContain('Lead aggregator · 1 task · ok');
    expect(byService).not.toContain('Receiving calls');
    expect(await app.press('g')).toContain('Receiving calls · 1 task');
  });
});

describe('details pane', () => {
  test('when, who, where, trigger, duration, outcome and class, message, log, and the diagnostics hint', async () => {
    const { frame, waitFor } = await renderApp(sampleEngine(), { columns: 130, rows: 30 });
    await waitFor('GET /calls?page=1');
    const f = frame();
    expect(f).toContain('Details of the last run · Receive calls');
    expect(f).toContain('Error (network) · took 1.2s');
    expect(f).toContain('Started 14:02:00 (8m ago) · manual by anna');
    expect(f).toContain('Instance anna@clinic-pc (dashboard, pid 4242)');
    expect(f).toContain('Message: connect ECONNREFUSED 127.0.0.1:8081');
    expect(f).toContain('Failing since 14:02, 5 runs · interval 1m → 4m');
    expect(f).toContain('d: full diagnostics');
    expect(f).toContain('Progress log (2)');
    expect(f).toMatch(/14:02:01 ✗ connect ECONNREFUSED/);
  });

  test('why a task has no next run: no running instance has its role, paused, disabled', async () => {
    for (const [idle, text] of [
      ['no-instance', 'No automatic runs: no running instance has the role reception'],
      ['paused', 'No automatic runs: paused'],
      ['disabled', 'No automatic runs: disabled in the config'],
    ] as const) {
      const engine = new FakeEngine({
        tasks: [makeTask({ status: 'unavailable', autoHere: false, nextRunAt: null, runnableOn: [], idle })],
      });
      const { frame } = await renderApp(engine, { columns: 140, rows: 30 });
      expect(frame(), idle).toContain(text);
      expect(rowOf(frame(), 'Receive calls'), idle).toMatch(/Unavailable\s+Receive calls\s+1m\s+—/);
      cleanup();
    }
  });

  test('interrupted runs in a row are said; the third is counted as a failure', async () => {
    const run = makeRun({ outcome: 'interrupted', message: 'the instance running it stopped' });
    const engine = new FakeEngine({
      tasks: [makeTask({ lastRun: summaryOf(run), interruptions: 3, failures: 1, failingSince: AT_1402 })],
      runs: [run],
    });
    const { frame } = await renderApp(engine, { columns: 140, rows: 30 });
    expect(frame()).toContain('Interrupted 3 times in a row: counted as a failure');
    expect(rowOf(frame(), 'Receive calls')).toContain('14:02 (Interrupted)');
  });

  test('a task whose last run summary was removed (historyDays) still shows its last outcome and time, not "never"', async () => {
    const engine = new FakeEngine({
      tasks: [
        makeTask({ lastRun: null, last: { outcome: 'success', startedAt: AT_1402, finishedAt: AT_1402 + 1000 } }),
      ],
    });
    const { frame } = await renderApp(engine, { columns: 140, rows: 30 });
    expect(rowOf(frame(), 'Receive calls')).toContain('14:02 (Success)');
    expect(rowOf(frame(), 'Receive calls')).not.toContain('never');
  });

  test('a running run: progress, and new log lines appear as they arrive', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 130, rows: 30 });
    await app.press('j');
    await app.waitFor('Current run · Receive leads');
    expect(app.frame()).toContain('Running · 42 of 100 · running for 8m');
    engine.log('leads', 9, { at: Date.now(), level: 'warn', message: '3 leads rejected' });
    await app.waitFor('3 leads rejected');
  });

  test('untrusted text cannot reach the terminal as control sequences', async () => {
    const engine = new FakeEngine({
      tasks: [
        makeTask({
          name: 'Evil\u001b]52;c;aGVsbG8=\u0007 task\u001b[2J',
          lastRun: { ...sampleEngine().tasks[0]!.lastRun!, message: 'bad\u001b[31m answer\r\nline two' },
        }),
      ],
    });
    const { frame } = await renderApp(engine, { columns: 130, rows: 30 });
    expect(frame()).toContain('Evil task');
    expect(frame()).toContain('bad answer line two');
    expect(frame()).not.toContain('\u001b]52');
    expect(frame()).not.toContain('\u001b[2J');
  });
});

describe('header', () => {
  test('user and roles, instance, database, config, failing count', async () => {
    const { frame } = await renderApp(sampleEngine(), { columns: 120, rows: 30 });
    expect(frame()).toMatch(/syncdeck · 1 failing task · anna \(admin\) · instance inst-a/);
    expect(frame()).toContain('db /var/lib/syncdeck/syncdeck.db · config /etc/syncdeck.yaml');
    expect(frame()).not.toContain('Demo:');
  });

  test('the demo banner, and an admin viewing as another user', async () => {
    const engine = sampleEngine({
      location: { demo: true },
      identity: { user: 'olga', osUser: 'anna', roles: ['reception'] },
    });
    const { frame } = await renderApp(engine, { columns: 120, rows: 30 });
    expect(frame()).toContain('Demo: simulated services on 127.0.0.1 — run with --config FILE for a real setup');
    expect(frame()).toContain('config demo config');
    expect(frame()).toContain('anna as olga (reception)');
  });

  test("a computer whose clock is off from the database server's is warned in the header", async () => {
    const engine = sampleEngine();
    engine.clockSkew = 90_000;
    const { frame, waitFor } = await renderApp(engine, { columns: 140, rows: 30 });
    await waitFor((f) => f.includes('Clock: this computer is 90 s behind the database server'));
    const agreeing = await renderApp(sampleEngine(), { columns: 140, rows: 30 });
    expect(agreeing.frame()).not.toContain('Clock:');
    expect(frame().split('\n').length).toBe(29);
  });

  test("a config that differs from the fleet's, or could not be reloaded, is said in the header; a reload on the status line", async () => {
    const engine = sampleEngine();
    engine.config = {
      ...engine.config,
      fleet: { version: 'v0', writtenBy: 'olga@ws-3', writtenAt: AT_1402 },
      differs: ['calls', 'leads'],
    };
    const { frame, waitFor } = await renderApp(engine, { columns: 200, rows: 30 });
    await waitFor((f) => f.includes("This instance's config differs from the fleet's (written by olga@ws-3 at"));
    expect(frame()).toMatch(/14:02\): 2 tasks differ \(calls, leads\) and are not run here/);
    expect(frame().split('\n').length).toBe(29);
    engine.config = {
      ...engine.config,
      differs: [],
      error: ['clinic.yaml:7: tasks[0].interval: "5 parsecs" is not a duration'],
    };
    engine.emit({ type: 'config-error', file: 'clinic.yaml', problems: engine.config.error! });
    await waitFor(
      (f) =>
        f.includes('Config not reloaded, the last good one stays: clinic.yaml:7: tasks[0].interval') &&
        !f.includes('differs from the fleet'),
    );
    engine.config = { ...engine.config, error: null };
    engine.emit({
      type: 'config-reloaded',
      changed: ['calls', 'leads'],
      added: ['fresh'],
      removed: [],
      users: ['bob'],
      hidden: ['night'],
      identity: engine.identity,
    });
    await waitFor((f) =>
      f.includes('Config reloaded: 2 tasks changed, 1 task added, 1 user changed; no longer visible to you: night'),
    );
    // The header asks again after the event: the refused edit's line goes.
    await waitFor((f) => !f.includes('Config not reloaded'));
    // A new database in the file: the header says which one this instance keeps.
    engine.config = {
      ...engine.config,
      restartNeeded: { fields: ['database'], inUse: '/srv/syncdeck.db', message: 'database changed' },
    };
    engine.emit({ type: 'config-restart-needed', fields: ['database'], message: 'database changed' });
    await waitFor((f) =>
      f.includes('database changed in clinic.yaml: this instance keeps using /srv/syncdeck.db until it restarts'),
    );
    expect(frame().split('\n').length).toBe(29);
  });

  test('a user missing from the config is told why nothing is visible', async () => {
    const engine = new FakeEngine({ tasks: [], identity: { user: 'bob', osUser: 'bob', roles: [], known: false } });
    const { frame } = await renderApp(engine, { columns: 120, rows: 30 });
    expect(frame()).toContain('User "bob" is not in the config\'s users');
    expect(frame()).toContain('no failing tasks');
  });
});

test('the frame is never taller than rows − 1', async () => {
  const app = await renderApp(sampleEngine(), { columns: 80, rows: 24 });
  expect(app.frame().split('\n').length).toBe(23);
  app.resize(120, 40);
  await app.waitFor((f) => f.split('\n').length === 39);
  await app.press(KEYS.tab);
  expect(app.frame().split('\n').length).toBe(39);
});
