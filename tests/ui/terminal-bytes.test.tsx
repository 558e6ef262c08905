// On a real-looking terminal (a TTY, 120×40, 30 tasks): one change costs few bytes (only
// the cells that changed), no frame clears the screen, nothing is written while nothing
// changes, and after a resize the frame is drawn whole from the top-left.
import { afterEach, expect, test, vi } from 'vitest';

// Ink decides at import time whether it runs in CI (then it writes only the last frame).
vi.hoisted(() => {
  process.env['CI'] = 'false';
  delete process.env['CONTINUOUS_INTEGRATION'];
});

import { DashboardTerminal } from '../helpers/dashboard-terminal.js';
import { FakeEngine } from '../helpers/fake-engine.js';
import { HeadlessTerminal } from '../helpers/headless-terminal.js';
import { RUNNING_RUN, RUNNING_TASK, thirtyTasks } from '../helpers/thirty-tasks.js';

let session: DashboardTerminal | null = null;
afterEach(() => {
  vi.useRealTimers();
  session?.close();
  session = null;
});

async function started(): Promise<{ s: DashboardTerminal; engine: FakeEngine }> {
  const engine = new FakeEngine({ tasks: thirtyTasks(Date.now()) });
  session = new DashboardTerminal(engine, { columns: 120, rows: 40 });
  await session.waitForScreen((screen) => screen.includes('Task 5 ') && screen.includes('↑↓ move'), 'the first frame');
  // The details pane asks for the selected run a moment after the first frame (the fake
  // engine has none: it says so); engine answers come at most once per frame, so wait for
  // that answer rather than for a quiet moment that a slow machine may end early.
  await session.waitForScreen((screen) => screen.includes('Cannot load the log'), 'the details pane');
  await session.settle();
  return { s: session, engine };
}

test('one progress-bar change on 120×40 with 30 tasks costs under 300 bytes and never clears the screen', async () => {
  const { s, engine } = await started();
  const before = s.out.chunks.length;
  engine.emit({ type: 'run-progress', taskId: RUNNING_TASK, runId: RUNNING_RUN, done: 60, total: 100 });
  await s.waitForScreen((screen) => screen.includes('60%'), 'the new progress');
  await s.settle();
  expect(s.out.bytesSince(before)).toBeGreaterThan(0);
  expect(s.out.bytesSince(before)).toBeLessThan(300);
  for (const chunk of s.out.chunks) {
    expect(chunk).not.toContain('\u001b[2J');
    expect(chunk).not.toContain('\u001b[3J');
  }
});

test('one cursor move costs under 400 bytes', async () => {
  const { s } = await started();
  const before = s.out.chunks.length;
  s.type('j');
  await s.waitForScreen((screen) => /^› .*Task 5 /m.test(screen), 'the selection on Task 5');
  await s.settle();
  expect(s.out.bytesSince(before)).toBeLessThan(400);
});

test('after many small updates the screen shows exactly one frame, in place', async () => {
  const { s, engine } = await started();
  for (let done = 20; done <= 60; done += 10) {
    engine.emit({ type: 'run-progress', taskId: RUNNING_TASK, runId: RUNNING_RUN, done, total: 100 });
    await s.waitForScreen((screen) => screen.includes(`${done}%`), `${done}%`);
  }
  // One key at a time (keys that arrive in one read are another matter, see tests/ui/dashboard-keys).
  for (const name of ['Task 5', '予約 同期 9', 'Лиды 13']) {
    s.type('j');
    await s.waitForScreen((screen) => new RegExp(`^› .*${name} `, 'm').test(screen), `the selection on ${name}`);
  }
  await s.settle();
  const lines = (await s.screen()).split('\n');
  expect(s.term.scrolled).toBe(0);
  expect(lines[0]).toMatch(/^syncdeck · /);
  expect(lines[1]).toMatch(/^db /);
  expect(lines[2]).toMatch(/^▶ Integration status · by task type · 4\/30/);
  expect(lines.filter((l) => l.startsWith('›'))).toHaveLength(1);
  const taskFive = lines.filter((l) => l.includes('Task 5 '));
  expect(taskFive).toHaveLength(1);
  expect(taskFive[0]).toContain('60%');
  for (let i = 1; i <= 30; i++) expect(lines.filter((l) => l.includes(`Task ${i} `)).length).toBeLessThanOrEqual(1);
  expect(lines[38]).toMatch(/^↑↓ move/);
  expect(lines[39]).toBe('');
  expect(await s.differencesFromFrame()).toEqual([]);
});

test('nothing is written while nothing changes', async () => {
  const { s } = await started();
  const before = s.out.chunks.length;
  // Three seconds of the dashboard's clock ticking, with nothing on screen depending on them.
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
  await vi.advanceTimersByTimeAsync(3_000);
  vi.useRealTimers();
  expect(s.frames).toBeGreaterThan(0);
  expect(s.out.chunks.slice(before).join('')).toBe('');
});

test('after a resize a whole new frame is drawn from the top-left', async () => {
  const { s } = await started();
  for (const [columns, rows] of [
    [100, 30],
    [100, 26],
    [150, 45],
    [80, 24],
  ] as const) {
    const from = s.out.chunks.length;
    await s.resize(columns, rows);
    await s.waitForScreen(
      (screen) => screen.split('\n')[rows - 2]?.startsWith('↑↓ move') === true,
      `the frame at ${columns}×${rows}`,
    );
    await s.settle();
    // Only what was written after the resize, on a blank screen: it must be a complete frame.
    const blank = new HeadlessTerminal(columns, rows, { convertEol: true });
    await blank.write(s.out.chunks.slice(from).join(''));
    const lines = blank.lines();
    expect(blank.scrolled).toBe(0);
    expect(lines[0]).toMatch(/^syncdeck · /);
    expect(lines[rows - 2]).toMatch(/^↑↓ move/);
    expect(lines.some((l) => l.startsWith('›') && l.includes('Task'))).toBe(true);
    blank.dispose();
  }
});
