// A run costs as few store calls as it can: the row it wrote is not read back, the task row
// read before the start serves the end, and per-task state this instance left is not read
// again; all of it stays right when another instance runs the task in between.
import { describe, expect, it } from 'vitest';
import type { Handler } from '../../../src/engine/handlers/types.js';
import { startCountingEngine } from '../../helpers/counting-engine.js';
import { startTestEngine } from '../../helpers/engine-fixture.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-round-trips-');

/** Counts its runs in the task's state and fails with a network error. */
const countingFailure: Handler = async (ctx) => {
  ctx.state.set('n', (ctx.state.get<number>('n') ?? 0) + 1);
  ctx.log('trying');
  throw Object.assign(new Error('down'), { errorClass: 'network' });
};

describe('a run of this instance', () => {
  it('reads neither its run, nor its task, nor its state back when it ran the task last', async () => {
    const t = await startCountingEngine({ dir: dir(), handlers: { calls: countingFailure } });
    const { clock, calls } = t;
    try {
      await t.engine.waitForRun((await t.engine.runNow('calls')).id);
      calls.reset();
      const second = await t.engine.waitForRun((await t.engine.runNow('calls')).id);
      expect(second.outcome).toBe('error');
      expect(second.finishedAt).toBe(clock.now());
      expect(calls.count('getRun')).toBe(0);
      expect(calls.count('getState')).toBe(0);
      // One read: runNow's visibility check.
      expect(calls.count('getTask')).toBe(1);
      expect([calls.count('startRun'), calls.count('finishRun')]).toEqual([1, 1]);
      // The schedule came from the current row: two failures in a row, state counted twice.
      const task = await t.store.getTask('calls');
      expect(task?.failures).toBe(2);
      expect(await t.store.getState('calls')).toEqual({ n: 2 });
      // The row the run ended with is the stored one.
      expect(await t.store.getRun(second.id)).toMatchObject({
        outcome: 'error',
        errorClass: 'network',
        finishedAt: second.finishedAt,
      });
    } finally {
      await t.close();
    }
  });

  it('reads state and schedule again after another instance ran the task', async () => {
    const clock = new FakeClock();
    const d = dir();
    const a = await startTestEngine({ dir: d, clock, handlers: { calls: countingFailure } });
    const b = await startTestEngine({ dir: d, clock, handlers: { calls: countingFailure }, host: 'other-pc' });
    try {
      for (const engine of [a, b, a, a, b]) await engine.engine.waitForRun((await engine.engine.runNow('calls')).id);
      expect(await a.store.getState('calls')).toEqual({ n: 5 });
      expect((await a.store.getTask('calls'))?.failures).toBe(5);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
