// Engine events reach the dashboard state at most once per frame: a burst becomes one
// state change, a run's progress within a frame collapses into its last value.
import { describe, expect, test } from 'vitest';
import { createFrameBatcher } from '../../../src/ui/hooks/frame-batcher.js';
import type { DashboardAction } from '../../../src/ui/state/dashboard-reducer.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const progress = (runId: number, done: number): DashboardAction => ({
  type: 'progress',
  taskId: `t${runId}`,
  runId,
  done,
  total: 100,
});

function setup(frameMs = 100) {
  const clock = new FakeClock();
  const dispatched: DashboardAction[] = [];
  const batcher = createFrameBatcher((a) => dispatched.push(a), frameMs, clock);
  return { clock, dispatched, batcher };
}

describe('frame batcher', () => {
  test('a lone event after a quiet frame goes at the end of the turn, with what came in the same turn', async () => {
    const { clock, dispatched, batcher } = setup();
    batcher.push(progress(1, 5));
    const line = { at: 0, level: 'info' as const, message: 'x' };
    batcher.push({ type: 'log-line', runId: 1, line });
    expect(dispatched).toEqual([]);
    await clock.advance(0);
    expect(dispatched).toEqual([{ type: 'batch', actions: [progress(1, 5), { type: 'log-line', runId: 1, line }] }]);
  });

  test('four hundred events in one second make at most eleven state changes, each run at its last value', async () => {
    const { clock, dispatched, batcher } = setup();
    for (let ms = 0; ms < 1000; ms += 5) {
      batcher.push(progress(1, ms + 4));
      batcher.push(progress(2, ms + 4));
      await clock.advance(5);
    }
    await clock.advance(100);
    expect(dispatched.length).toBeGreaterThanOrEqual(10);
    expect(dispatched.length).toBeLessThanOrEqual(11);
    const last = dispatched.at(-1);
    expect(last).toEqual({ type: 'batch', actions: [progress(1, 999), progress(2, 999)] });
  });

  test('events within a frame wait for its end and keep their order; other kinds are not merged', async () => {
    const { clock, dispatched, batcher } = setup();
    batcher.push(progress(1, 1));
    await clock.advance(0);
    const line = { at: 0, level: 'info' as const, message: 'x' };
    batcher.push({ type: 'log-line', runId: 1, line });
    batcher.push({ type: 'log-line', runId: 1, line });
    batcher.push(progress(1, 2));
    expect(dispatched).toHaveLength(1);
    await clock.advance(99);
    expect(dispatched).toHaveLength(1);
    await clock.advance(1);
    expect(dispatched[1]).toEqual({
      type: 'batch',
      actions: [{ type: 'log-line', runId: 1, line }, { type: 'log-line', runId: 1, line }, progress(1, 2)],
    });
  });

  test('nothing is dispatched after dispose', async () => {
    const { clock, dispatched, batcher } = setup();
    batcher.push(progress(1, 1));
    await clock.advance(0);
    batcher.push(progress(1, 2));
    batcher.dispose();
    await clock.advance(500);
    batcher.push(progress(1, 3));
    expect(dispatched).toEqual([progress(1, 1)]);
  });
});
