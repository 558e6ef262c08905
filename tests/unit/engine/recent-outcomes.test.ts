// `recent` after a mix of outcomes, in process on the fake clock: the engine's task view and
// the `status --json` shape list the finished runs oldest first with their durations; a task
// never run has none (docs/cli.md, `recent` in `status --json`). The real-process check is
// tests/integration/instances.test.ts (an interrupted run, both stores).
import { beforeEach, describe, expect, it } from 'vitest';
import { taskStatusJson } from '../../../src/cli/output/json.js';
import { TaskError, type Handler } from '../../../src/engine/handlers/types.js';
import { recentRuns } from '../../../src/engine/recent-runs.js';
import type { RunSummary } from '../../../src/engine/types.js';
import { startTestEngine, untilAborted } from '../../helpers/engine-fixture.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-recent-');
let clock = new FakeClock();
beforeEach(() => {
  clock = new FakeClock();
});

/** Each run of `calls` does the next of these; every one takes `ms` on the fake clock first. */
function sequence(steps: readonly ('success' | 'error' | 'warning' | 'cancelled')[], ms: number): Handler {
  let i = 0;
  return async (ctx) => {
    const step = steps[i++];
    await new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    if (step === 'error') throw new TaskError('recognized', '502 Bad Gateway');
    if (step === 'warning') ctx.warn('1 of 3 calls rejected');
    if (step === 'cancelled') await untilAborted(ctx);
  };
}

describe('recent after a mix of outcomes', () => {
  it('lists them oldest first with their durations, in the task view and in status --json; a task never run has none', async () => {
    const t = await startTestEngine({
      dir: dir(),
      clock,
      handlers: { calls: sequence(['success', 'error', 'warning', 'cancelled', 'success'], 250) },
    });
    try {
      const runs: RunSummary[] = [];
      for (let i = 0; i < 5; i++) {
        const started = await t.engine.runNow('calls');
        let end: RunSummary | null = null;
        void t.nextFinished((r) => r.id === started.id).then((r) => (end = r));
        if (i === 3) {
          await clock.advance(250);
          await t.engine.stop('calls');
        }
        await clock.advanceUntil(() => end !== null);
        runs.push(end!);
      }
      expect(runs.map((r) => r.outcome)).toEqual(['success', 'error', 'warning', 'cancelled', 'success']);

      const tasks = await t.engine.snapshot();
      const calls = tasks.find((x) => x.id === 'calls')!;
      const expected = runs.map((r) => ({ runId: r.id, outcome: r.outcome, durationMs: r.durationMs }));
      expect(recentRuns(calls.recentRing)).toEqual(expected);
      for (const r of recentRuns(calls.recentRing)) expect(r.durationMs).toBeGreaterThanOrEqual(250);
      expect(taskStatusJson(calls).recent).toEqual(expected);
      expect(taskStatusJson(tasks.find((x) => x.id === 'leads')!).recent).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
