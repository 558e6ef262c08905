// An idle dashboard draws a frame only when something visible changes (issue 14): over a
// minute of one-second clock ticks, thirty waiting tasks due in about an hour and a last run
// that ended seconds ago change their text twice, so there are two frames, not sixty.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeEngine, makeRun, makeTask, NOW, summaryOf } from '../helpers/fake-engine.js';
import type { Clock } from '../../src/ui/hooks/clock.js';
import { App } from '../../src/ui/app.js';

afterEach(() => cleanup());

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The screen's clock, moved by the test one second at a time. */
function steppedClock(start: number): Clock & { step(): void } {
  let now = start;
  const listeners = new Set<(now: number) => void>();
  return {
    now: () => now,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    step() {
      now += SECOND;
      for (const l of [...listeners]) l(now);
    },
  };
}

/** Thirty tasks that ran 5 s before `now` and run again in 59 m 30 s, one an hour. */
function idleEngine(now: number): FakeEngine {
  const runs = Array.from({ length: 30 }, (_, i) =>
    makeRun({
      id: i + 1,
      taskId: `task-${i + 1}`,
      taskName: `Fleet task ${i + 1}`,
      startedAt: now - 5 * SECOND,
      finishedAt: now - 5 * SECOND + 9,
      durationMs: 9,
    }),
  );
  const tasks = runs.map((run) =>
    makeTask({
      id: run.taskId,
      name: run.taskName,
      intervalMs: 60 * MINUTE,
      effectiveIntervalMs: 60 * MINUTE,
      nextRunAt: now + 59 * MINUTE + 30 * SECOND,
      lastRun: summaryOf(run),
    }),
  );
  return new FakeEngine({ tasks, runs });
}

test('a minute of an idle dashboard is two frames: the countdowns turning a minute, and the last run’s "ago"', async () => {
  const timers = new FakeClock(NOW);
  const clock = steppedClock(NOW);
  const app = render(
    <App
      engine={idleEngine(NOW)}
      lang="en"
      color
      ascii={false}
      clock={clock}
      timing={{ refreshGapMs: 0, safetyRefreshMs: 10 * MINUTE, alertGapMs: 0, frameMs: 100, timers }}
    />,
  );
  Object.defineProperty(app.stdout, 'columns', { configurable: true, get: () => 120 });
  Object.defineProperty(app.stdout, 'rows', { configurable: true, get: () => 40 });
  app.stdout.emit('resize');
  const frame = () => app.lastFrame() ?? '';
  for (let i = 0; i < 200 && !(frame().includes('Fleet task 1 ') && frame().includes('<1m ago')); i++) {
    await timers.advance(100);
    await tick();
  }
  expect(frame()).toContain('in 59m');
  expect(frame()).toContain('Started 14:09:55 (<1m ago)');
  // Whatever came last is drawn (the shown run's log is fetched after an 80 ms pause, and a
  // loaded machine draws it late): then no frame for 40 turns running.
  await timers.advance(100);
  for (let quiet = 0, seen = app.frames.length; quiet < 40;) {
    await tick();
    if (app.frames.length === seen) quiet++;
    else [seen, quiet] = [app.frames.length, 0];
  }
  const before = app.frames.length;

  for (let s = 0; s < 60; s++) {
    clock.step();
    await tick();
  }
  expect(frame()).toContain('in 58m');
  expect(frame()).toContain('(1m ago)');
  expect(app.frames.length - before).toBe(2);
});
