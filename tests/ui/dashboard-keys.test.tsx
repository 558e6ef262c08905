// Every key of the dashboard, pressed through the one key dispatcher.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { EngineError } from '../../src/engine/types.js';
import { FakeEngine, makeRun, makeTask, sampleEngine, summaryOf } from '../helpers/fake-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

const cursorRow = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

function manyTasks(n: number) {
  return new FakeEngine({
    tasks: Array.from({ length: n }, (_, i) => makeTask({ id: `t${i + 1}`, name: `Task ${i + 1}` })),
  });
}

describe('moving', () => {
  test('↓/j and ↑/k move the cursor over tasks, skipping group headers', async () => {
    const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    expect(cursorRow(app.frame())).toContain('Receive calls');
    expect(cursorRow(await app.press('j'))).toContain('Receive leads');
    expect(cursorRow(await app.press(KEYS.down))).toContain('Upload schedule');
    expect(cursorRow(await app.press('k'))).toContain('Receive leads');
    expect(cursorRow(await app.press(KEYS.up, KEYS.up))).toContain('Receive calls');
    expect(app.frame()).toContain('1/4');
  });

  test('PgDn/PgUp move by a page, End/Home to the last and first task, and the list scrolls with the cursor', async () => {
    const app = await renderApp(manyTasks(40), { columns: 100, rows: 24 });
    expect(cursorRow(app.frame())).toContain('Task 1 ');
    const pageDown = await app.press(KEYS.pageDown);
    expect(pageDown).toMatch(/ · (\d+)\/40/);
    const page = Number(/ · (\d+)\/40/.exec(pageDown)![1]);
    expect(page).toBeGreaterThan(2);
    expect(cursorRow(pageDown)).toContain(`Task ${page} `);
    expect(cursorRow(await app.press(KEYS.end))).toContain('Task 40');
    expect(app.frame()).not.toContain('Task 1 ');
    expect(cursorRow(await app.press(KEYS.pageUp))).not.toContain('Task 40');
    expect(cursorRow(await app.press(KEYS.home))).toContain('Task 1 ');
  });

  test('Tab moves the focus to the details pane, where the movement keys scroll the log', async () => {
    const log = Array.from({ length: 40 }, (_, i) => ({
      at: Date.now(),
      level: 'info' as const,
      message: `log line ${i + 1}`,
    }));
    const run = makeRun({ id: 3, log });
    const engine = new FakeEngine({ tasks: [makeTask({ lastRun: summaryOf(run) })], runs: [run] });
    const app = await renderApp(engine, { columns: 80, rows: 24 });
    await app.waitFor('log line 40');
    expect(app.frame()).not.toContain('log line 30');
    const focused = await app.press(KEYS.tab);
    expect(focused).toContain('▶ Details of the last run');
    expect(focused).not.toContain('▶ Integration status');
    expect(await app.press('k')).not.toContain('log line 40');
    expect(await app.press(KEYS.home)).toMatch(/log line 1$/m);
    expect(await app.press(KEYS.end)).toContain('log line 40');
    expect(await app.press(KEYS.tab)).toContain('▶ Integration status');
  });
});

describe('actions', () => {
  test('r runs the task now and says so', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('r');
    expect(engine.callsOf('runNow')).toEqual([['calls']]);
    await app.waitFor('Started Receive calls (run #100).');
  });

  test('r on a task running elsewhere is refused with the instance, without asking the engine', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('j', 'j', 'j', 'r');
    await app.waitFor('Already running on olga@front-desk: no second start is needed.');
    expect(engine.callsOf('runNow')).toEqual([]);
  });

  test('the engine refusing with already-running names the instance on the status line', async () => {
    const engine = sampleEngine();
    engine.runNow = async (taskId: string) => {
      engine.calls.push({ method: 'runNow', args: [taskId] });
      throw new EngineError('already-running', 'busy', { instance: 'inst-c', instanceLabel: 'ivan@lab' });
    };
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('r');
    await app.waitFor('Already running on ivan@lab.');
  });

  test('s asks y/N; y stops, n and Esc do not, other keys are ignored', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('j');
    expect(await app.press('s')).toContain('Stop Receive leads? [y/N]');
    expect(await app.press('x', 'g')).toContain('Stop Receive leads? [y/N]');
    expect(app.frame()).toContain('by task type');
    await app.press('n');
    expect(app.frame()).not.toContain('[y/N]');
    await app.press('s', KEYS.escape);
    expect(app.frame()).not.toContain('[y/N]');
    expect(engine.callsOf('stop')).toEqual([]);
    await app.press('s', 'y');
    expect(engine.callsOf('stop')).toEqual([['leads']]);
    await app.waitFor('Stop requested for Receive leads.');
  });

  test('stopping a task that runs on another instance names it', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('j', 'j', 'j');
    expect(await app.press('s')).toContain('Stop Send reminders running on olga@front-desk? [y/N]');
    await app.press('y');
    await app.waitFor('Stop requested for Send reminders on olga@front-desk.');
  });

  test('s on a task that is not running says why', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('s');
    await app.waitFor('The task is not running.');
    expect(app.frame()).not.toContain('[y/N]');
  });

  test('p pauses, and on a paused task resumes', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('p');
    expect(engine.callsOf('pause')).toEqual([['calls']]);
    await app.waitFor('Paused Receive calls');
    await app.waitFor((f) => /Paused\s+Receive calls/.test(f) && f.includes('p resume'));
    await app.press('p');
    expect(engine.callsOf('resume')).toEqual([['calls']]);
    await app.waitFor('Resumed Receive calls.');
  });
});

describe('filter', () => {
  test('/ filters as you type; Backspace erases; Enter keeps it; Esc clears it', async () => {
    const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    await app.press('/');
    expect(app.frame()).toContain('Type to filter');
    const typed = await app.press('l', 'e', 'a', 'd', 's');
    expect(typed).toContain('filter: leads▏');
    expect(typed).toContain('Receive leads');
    expect(typed).not.toContain('Upload schedule');
    expect(await app.press(KEYS.backspace)).toContain('filter: lead▏');
    const kept = await app.press(KEYS.enter);
    expect(kept).toContain('filter: lead ');
    expect(kept).not.toContain('Upload schedule');
    expect(kept).toContain('Esc clear filter');
    const cleared = await app.press(KEYS.escape);
    expect(cleared).not.toContain('filter:');
    expect(cleared).toContain('Upload schedule');
  });

  test('keys that arrive back to back, before a frame, are all typed (none lost to a stale value)', async () => {
    const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    await app.press('/');
    for (const key of ['l', 'e', 'a', 'd', 's', KEYS.backspace]) {
      app.stdin.write(key);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await app.waitFor('filter: lead▏')).toContain('Receive leads');
  });

  test('Esc while typing clears at once; keys like q and r are typed, not actions', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('/', 'q', 'r');
    expect(app.frame()).toContain('filter: qr▏');
    expect(app.frame()).toContain('No task matches "qr".');
    expect(engine.callsOf('runNow')).toEqual([]);
    expect(engine.listenerCount).toBe(1);
    expect(await app.press(KEYS.escape)).toContain('Receive calls');
  });
});

describe('screens', () => {
  test('h opens the history of this task, H of everything; Esc goes back', async () => {
    const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    const task = await app.press('h');
    expect(task).toContain('History of synchronisations with external services');
    expect(task).toContain('Filter: task Receive calls');
    expect(await app.press(KEYS.escape)).toContain('Integration status');
    expect(await app.press('H')).toContain('Filter: none, every run of every task');
    expect(await app.press('q')).toContain('Integration status');
  });

  test('d opens the diagnostics of every exchange; scrollable; Esc back', async () => {
    const engine = sampleEngine();
    const exchange = engine.runs.get(7)!.exchanges[0]!;
    exchange.response!.body = JSON.stringify({
      error: 'web server error',
      items: Array.from({ length: 30 }, (_, i) => i),
    });
    const app = await renderApp(engine, { columns: 100, rows: 24 });
    await app.press('d');
    await app.waitFor('Diagnostics of run #7 · Receive calls');
    await app.waitFor('→ GET http://127.0.0.1:8081/calls?page=1');
    const f = app.frame();
    expect(f).toContain('Authorization: [redacted]');
    expect(f).toContain('← 500');
    expect(f).toContain('"error": "web server error"');
    expect(f).toContain('Esc back');
    expect(await app.press('j')).not.toContain('Exchange 1 of 1');
    expect(await app.press(KEYS.home)).toContain('Exchange 1 of 1');
    expect(await app.press(KEYS.escape)).toContain('Integration status');
  });

  test('d on a run without diagnostics says why', async () => {
    const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    await app.press('j', 'd');
    await app.waitFor('This run has no diagnostics (they are recorded for manual runs: press r).');
    expect(app.frame()).toContain('Integration status');
  });

  test('? shows every key; ? or Esc closes it', async () => {
    const app = await renderApp(sampleEngine(), { columns: 100, rows: 40 });
    const help = await app.press('?');
    expect(help).toContain('▶ Keys');
    expect(help).toContain('Run the task now');
    expect(help).toContain('PgUp');
    expect(await app.press('?')).toContain('Integration status');
    await app.press('?');
    expect(await app.press(KEYS.escape)).toContain('Integration status');
  });

  test('Esc on the dashboard with nothing to close does nothing', async () => {
    const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
    const before = app.frame();
    expect(await app.press(KEYS.escape)).toBe(before);
  });
});

describe('quitting', () => {
  test('q quits from the main screen at once when no run executes here', async () => {
    const engine = new FakeEngine({ tasks: [makeTask()] });
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    expect(engine.listenerCount).toBe(1);
    await app.press('q');
    expect(engine.listenerCount).toBe(0);
  });

  test('q with runs executing here asks first: n stays, y quits', async () => {
    const engine = sampleEngine(); // "leads" runs on this instance
    const app = await renderApp(engine, { columns: 120, rows: 30 });
    await app.press('q');
    expect(app.frame()).toContain('1 run in progress here will be interrupted and resumed elsewhere. Quit? [y/N]');
    await app.press('n');
    expect(app.frame()).not.toContain('Quit?');
    expect(engine.listenerCount).toBe(1);
    await app.press('q', 'y');
    expect(engine.listenerCount).toBe(0);
  });

  test('Ctrl+C quits from anywhere, even a confirmation or the filter', async () => {
    for (const keys of [['s'], ['/', 'a'], ['?'], ['d']]) {
      const engine = sampleEngine();
      const app = await renderApp(engine, { columns: 100, rows: 30 });
      await app.press('j', ...keys);
      await app.press(KEYS.ctrlC);
      expect(engine.listenerCount, `after ${keys.join(' ')}`).toBe(0);
      cleanup();
    }
  });
});

describe('keys arriving together in one read (fast typing over SSH, a paste)', () => {
  test('"sy" stops after the confirmation; "/lead" filters', async () => {
    const engine = sampleEngine();
    const app = await renderApp(engine, { columns: 100, rows: 30 });
    await app.press('j');
    await app.press('sy');
    expect(engine.callsOf('stop')).toEqual([['leads']]);
    const filtered = await app.press('/lead');
    expect(filtered).toContain('filter: lead▏');
    expect(filtered).not.toContain('Upload schedule');
  });
});

test('Tab and Ctrl+C keep their meaning inside one read', async () => {
  const engine = sampleEngine();
  const app = await renderApp(engine, { columns: 100, rows: 30 });
  expect(await app.press('j\t')).toContain('▶ Current run · Receive leads');
  await app.press('k\u0003');
  expect(engine.listenerCount).toBe(0);
});
