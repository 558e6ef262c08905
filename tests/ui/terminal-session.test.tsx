// A scripted dashboard session on a terminal emulator (@xterm/headless) fed every byte the
// dashboard writes: after every step the screen equals, cell by cell (character, width,
// colours and attributes), the frame Ink drew, drawn whole on a blank terminal.
import { afterEach, expect, test, vi } from 'vitest';

// Ink decides at import time whether it runs in CI (then it writes only the last frame).
vi.hoisted(() => {
  process.env['CI'] = 'false';
  delete process.env['CONTINUOUS_INTEGRATION'];
});

import { DashboardTerminal } from '../helpers/dashboard-terminal.js';
import { FakeEngine, makeRun, summaryOf } from '../helpers/fake-engine.js';
import { RUNNING_RUN, RUNNING_TASK, thirtyTasks } from '../helpers/thirty-tasks.js';

let session: DashboardTerminal | null = null;
afterEach(() => session?.close());

test('start, moves, progress, a run finishing, resizes and Ctrl+L: the screen is the frame after every step', async () => {
  const now = Date.now();
  const engine = new FakeEngine({ tasks: thirtyTasks(now) });
  session = new DashboardTerminal(engine, { columns: 120, rows: 40 });
  const s = session;
  const step = async (what: string) => {
    await s.settle();
    expect(await s.differencesFromFrame(), `after ${what}`).toEqual([]);
    expect(s.term.scrolled, `after ${what}`).toBe(0);
    return s.screen();
  };

  await s.waitForScreen((screen) => screen.includes('Task 5 ') && screen.includes('予約 同期 9'), 'the first frame');
  let screen = await step('the first frame');
  expect(screen).toContain('Звонки 2');
  expect(screen).toContain('📞 Calls 6');

  for (const key of ['j', 'j', 'j', 'k']) {
    s.type(key);
    await step(`pressing ${key}`);
  }
  expect((await s.screen()).split('\n').find((l) => l.startsWith('›'))).toContain('予約 同期 9');

  engine.emit({ type: 'run-progress', taskId: RUNNING_TASK, runId: RUNNING_RUN, done: 60, total: 100 });
  screen = await step('a progress change');
  expect(screen).toContain('60%');

  const finished = summaryOf(
    makeRun({
      id: RUNNING_RUN,
      taskId: RUNNING_TASK,
      taskName: 'Task 5',
      outcome: 'error',
      errorClass: 'network',
      message: 'connect ECONNREFUSED',
      startedAt: now - 5_000,
      finishedAt: now,
    }),
  );
  engine.update(RUNNING_TASK, {
    status: 'waiting',
    progress: null,
    runningOn: null,
    runningOnLabel: null,
    failures: 1,
    failingSince: now,
    lastRun: finished,
  });
  engine.emit({ type: 'run-finished', run: finished });
  screen = await step('a run finishing');
  expect(screen).not.toContain('60%');
  expect(screen).toMatch(/Task 5 .*Error/);

  for (const [columns, rows] of [
    [100, 30],
    [150, 45],
    [80, 24],
    [120, 40],
  ] as const) {
    await s.resize(columns, rows);
    await s.waitForScreen(
      (text) => text.split('\n')[rows - 2]?.startsWith('↑↓ move') === true,
      `the frame for ${columns}×${rows}`,
    );
    await step(`a resize to ${columns}×${rows}`);
  }

  // Something else writes over the screen (a wall message); Ctrl+L puts the frame back.
  await s.term.write('\u001b[12;30H\u001b[1;41mBroadcast message from root: the system is going down\u001b[0m\r\n');
  expect(await s.differencesFromFrame()).not.toEqual([]);
  s.type('\u000c');
  await step('Ctrl+L');
});
