// Renders follow what is visible: a burst of engine events is drawn in at most ~10 frames
// a second, and rows whose task did not change are not rendered again.
import { cleanup, render } from 'ink-testing-library';
import type * as TaskRowModule from '../../src/ui/components/task-row.js';
import { afterEach, expect, test, vi } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import { sampleEngine, type FakeEngine } from '../helpers/fake-engine.js';
import { fixedClock } from '../helpers/render-app.js';
import { App } from '../../src/ui/app.js';

const rows = vi.hoisted(() => ({ renders: new Map<string, number>() }));

// Counts the renders of each task row behind the same memo the dashboard uses.
vi.mock('../../src/ui/components/task-row.js', async (importOriginal) => {
  const original = await importOriginal<typeof TaskRowModule>();
  const { createElement, memo } = await import('react');
  // The same shallow comparison as the row's own memo: it renders exactly when the row would.
  const TaskRow = memo(function CountingTaskRow(props: TaskRowModule.TaskRowProps) {
    rows.renders.set(props.task.id, (rows.renders.get(props.task.id) ?? 0) + 1);
    return createElement(original.TaskRow, props);
  });
  return { ...original, TaskRow };
});

afterEach(() => cleanup());

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The dashboard at 100×30 with frame batching on the fake clock, moved on until the tasks are shown and nothing is pending. */
async function start(engine: FakeEngine, clock: FakeClock) {
  const app = render(
    <App
      engine={engine}
      lang="en"
      color
      ascii={false}
      clock={fixedClock()}
      timing={{ refreshGapMs: 0, safetyRefreshMs: 60_000, alertGapMs: 0, frameMs: 100, timers: clock }}
    />,
  );
  Object.defineProperty(app.stdout, 'columns', { configurable: true, get: () => 100 });
  Object.defineProperty(app.stdout, 'rows', { configurable: true, get: () => 30 });
  app.stdout.emit('resize');
  const frame = () => app.lastFrame() ?? '';
  for (let i = 0; i < 200 && (frame().includes('Loading') || !frame().includes('Receive leads')); i++) {
    await clock.advance(100);
    await tick();
  }
  // The details pane's first answer, then quiet.
  for (let i = 0; i < 20; i++) {
    await clock.advance(100);
    await tick();
  }
  return { ...app, frame };
}

test('a hundred progress events in one turn are one render, and only the changed row renders again', async () => {
  const clock = new FakeClock();
  const engine = sampleEngine();
  const app = await start(engine, clock);
  const framesBefore = app.frames.length;
  const before = new Map(rows.renders);

  for (let done = 43; done <= 142; done++)
    engine.emit({ type: 'run-progress', taskId: 'leads', runId: 9, done: Math.min(done, 100), total: 100 });
  await tick();
  // Not drawn within the turn: the events of one turn make one change, at its end.
  expect(app.frames.length - framesBefore).toBe(0);
  await clock.advance(0);
  await tick();
  expect(app.frame()).toContain('100%');
  expect(app.frames.length - framesBefore).toBe(1);
  // The next event comes within the frame: it waits for the frame's end.
  engine.emit({ type: 'run-progress', taskId: 'leads', runId: 9, done: 99, total: 100 });
  await tick();
  expect(app.frames.length - framesBefore).toBe(1);
  await clock.advance(100);
  await tick();
  expect(app.frame()).toContain('99%');
  expect(app.frames.length - framesBefore).toBe(2);

  expect(rows.renders.get('leads')! - before.get('leads')!).toBe(2);
  for (const id of ['calls', 'schedule', 'sms']) expect(rows.renders.get(id), id).toBe(before.get(id));
});

test('an event that changes nothing visible renders nothing', async () => {
  const clock = new FakeClock();
  const engine = sampleEngine();
  const app = await start(engine, clock);
  const framesBefore = app.frames.length;
  // The same progress again, and a change notice whose snapshot is unchanged.
  engine.emit({ type: 'run-progress', taskId: 'leads', runId: 9, done: 42, total: 100 });
  engine.emit({ type: 'tasks-changed' });
  for (let i = 0; i < 3; i++) {
    await clock.advance(100);
    await tick();
  }
  expect(engine.snapshots).toBeGreaterThanOrEqual(2);
  expect(app.frames.length).toBe(framesBefore);
});
