// On a real-looking terminal (a TTY, 120×40, 30 tasks): one progress change costs few
// bytes, no frame clears the screen, and nothing is written while nothing changes.
import { afterEach, expect, test, vi } from 'vitest';

// Ink decides at import time whether it runs in CI (then it writes only the last frame).
vi.hoisted(() => {
  process.env['CI'] = 'false';
  delete process.env['CONTINUOUS_INTEGRATION'];
});

import { startDashboard, type DashboardHandle } from '../../src/ui/index.js';
import { FakeEngine, makeRun, makeTask, summaryOf } from '../helpers/fake-engine.js';
import { FakeTtyInput, FakeTtyOutput } from '../helpers/fake-tty.js';
import { VirtualScreen } from '../helpers/virtual-screen.js';

const HOUR = 3_600_000;

function thirtyTasks(now: number) {
  const services = ['telephony', 'leads', 'booking', 'sms', 'mail'];
  const types = ['calls', 'leads', 'schedule', 'messages'];
  return Array.from({ length: 30 }, (_, i) => {
    const id = `t${String(i + 1).padStart(2, '0')}`;
    const last = summaryOf(makeRun({ id: i + 1, taskId: id, startedAt: now - 3 * HOUR, finishedAt: now - 3 * HOUR + 900 }));
    const base = makeTask({
      id,
      name: `Task ${i + 1}`,
      type: types[i % types.length],
      service: services[i % services.length],
      serviceName: services[i % services.length],
      nextRunAt: now + 3 * HOUR,
      lastRun: last,
    });
    if (i !== 4) return base;
    const run = summaryOf(makeRun({ id: 500, taskId: id, outcome: 'running', startedAt: now - 3 * HOUR, finishedAt: null, durationMs: null, progressDone: 10, progressTotal: 100 }));
    return { ...base, status: 'running' as const, progress: 0.1, runningOn: 'inst-a', runningOnLabel: 'anna@clinic-pc', lastRun: run };
  });
}

/**
 * The first screen is complete once the details pane has its answer: the selected task's
 * last run is fetched after a short pause, and this fake engine keeps no run details, so
 * the pane ends up saying it cannot load the log.
 */
async function firstScreen(out: FakeTtyOutput): Promise<void> {
  await out.waitFor('Cannot load the log');
  await out.settled();
}

let dashboard: DashboardHandle | null = null;
afterEach(() => dashboard?.close());

test('one progress-bar change on 120×40 with 30 tasks writes under 1000 bytes and never clears the screen', async () => {
  const out = new FakeTtyOutput(120, 40);
  const input = new FakeTtyInput();
  const engine = new FakeEngine({ tasks: thirtyTasks(Date.now()) });
  dashboard = startDashboard(engine, { lang: 'en', color: true, ascii: false, stdout: out.asStream(), stdin: input.asStream() });
  await firstScreen(out);
  expect(out.text).toContain('Task 5 ');
  // Never as tall as the screen: a full frame is at most rows − 1 lines (and its final newline).
  const fullFrames = out.chunks.filter((c) => c.includes('syncdeck') && !/^\u001b\[\d+A/.test(c));
  expect(fullFrames.length).toBeGreaterThan(0);
  for (const frame of fullFrames) expect(frame.split('\n').length - 1).toBeLessThanOrEqual(39);

  const before = out.chunks.length;
  engine.emit({ type: 'run-progress', taskId: 't05', runId: 500, done: 60, total: 100 });
  await out.waitFor(() => out.chunks.slice(before).join('').includes('60%'));
  await out.settled();
  const change = out.chunks.slice(before).join('');
  expect(change).toContain('60%');
  expect(out.bytesSince(before)).toBeLessThan(1000);

  for (const chunk of out.chunks) {
    expect(chunk).not.toContain('\u001b[2J');
    expect(chunk).not.toContain('\u001b[3J');
  }
});

test('after many small updates the screen shows exactly one frame, in place', async () => {
  const out = new FakeTtyOutput(120, 40);
  const input = new FakeTtyInput();
  const engine = new FakeEngine({ tasks: thirtyTasks(Date.now()) });
  dashboard = startDashboard(engine, { lang: 'en', color: true, ascii: false, stdout: out.asStream(), stdin: input.asStream() });
  await firstScreen(out);
  // One frame per update: each waits until the one before is on the terminal.
  for (let done = 20; done <= 60; done += 10) {
    const from = out.chunks.length;
    engine.emit({ type: 'run-progress', taskId: 't05', runId: 500, done, total: 100 });
    await out.waitFor(() => out.chunks.slice(from).join('').includes(`${done}%`));
  }
  for (const [i, key] of ['j', 'j', 'j'].entries()) {
    const from = out.chunks.length;
    input.type(key);
    await out.waitFor(() => out.chunks.slice(from).join('').includes(`${i + 2}/30`));
  }
  await out.settled();
  const screen = new VirtualScreen(120, 40);
  screen.write(out.text);
  const lines = screen.lines();
  expect(screen.scrolled).toBe(0);
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
});

test('nothing is written while nothing changes', async () => {
  const out = new FakeTtyOutput(120, 40);
  const input = new FakeTtyInput();
  const engine = new FakeEngine({ tasks: thirtyTasks(Date.now()) });
  dashboard = startDashboard(engine, { lang: 'en', color: true, ascii: false, stdout: out.asStream(), stdin: input.asStream() });
  await firstScreen(out);
  const before = out.chunks.length;
  // Time is the point here: nothing at all may be written in it.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(out.chunks.slice(before).join('')).toBe('');
});

test('after a resize a whole new frame is drawn from the top-left', async () => {
  const out = new FakeTtyOutput(120, 40);
  const input = new FakeTtyInput();
  const engine = new FakeEngine({ tasks: thirtyTasks(Date.now()) });
  dashboard = startDashboard(engine, { lang: 'en', color: true, ascii: false, stdout: out.asStream(), stdin: input.asStream() });
  await firstScreen(out);
  for (const [columns, rows] of [
    [100, 30],
    [100, 26],
    [150, 45],
    [80, 24],
  ] as const) {
    const from = out.chunks.length;
    out.resize(columns, rows);
    await out.waitFor(() => out.chunks.slice(from).join('').includes('move'));
    await out.settled();
    // Only what was written after the resize, on a blank screen: it must be a complete frame.
    const screen = new VirtualScreen(columns, rows);
    screen.write(out.chunks.slice(from).join(''));
    const lines = screen.lines();
    expect(screen.scrolled).toBe(0);
    expect(lines[0]).toMatch(/^syncdeck · /);
    expect(lines[rows - 2]).toMatch(/^↑↓ move/);
    expect(lines.some((l) => l.startsWith('›') && l.includes('Task'))).toBe(true);
  }
});
