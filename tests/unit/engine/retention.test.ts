import { describe, expect, it } from 'vitest';
import { TaskError } from '../../../src/engine/handlers/types.js';
import type { Store } from '../../../src/db/index.js';
import { nextBatch, purge, retentionFor } from '../../../src/engine/retention.js';
import { toRunSummary } from '../../../src/engine/views.js';
import type { ErrorClass } from '../../../src/engine/types.js';
import { startTestEngine, testConfig, TEST_CONFIG } from '../../helpers/engine-fixture.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-retention-');
const S = 1000;

const config = testConfig(
  `historyDays: 1
retention: { network: 10s, auth: 10s, warning: 20s, success: 20s, cancelled: 20s, recognized: 40s, unknown: 60s }
${TEST_CONFIG}`,
);

describe('retention.retentionFor', () => {
  it('maps outcomes and error classes to the configured periods', () => {
    const r = config.retention;
    expect(retentionFor(r, 'error', 'network')).toBe(10 * S);
    expect(retentionFor(r, 'error', 'recognized')).toBe(40 * S);
    expect(retentionFor(r, 'interrupted', null)).toBe(60 * S);
    expect(retentionFor(r, 'cancelled', null)).toBe(20 * S);
  });
});

describe('retention.purge', () => {
  it('removes the details of exactly the classes that expired, and summaries after historyDays', async () => {
    let next: { cls?: ErrorClass; warn?: boolean } = {};
    const t = await startTestEngine({
      dir: dir(),
      config,
      handlers: {
        calls: async (ctx) => {
          ctx.log('working');
          if (next.warn) ctx.warn('partly');
          if (next.cls) throw new TaskError(next.cls, `failed: ${next.cls}`);
        },
      },
    });
    try {
      const ids: Record<string, number> = {};
      for (const [name, setup] of Object.entries({
        network: { cls: 'network' },
        auth: { cls: 'auth' },
        success: {},
        warning: { warn: true },
        recognized: { cls: 'recognized' },
        unknown: { cls: 'unknown' },
      } as const)) {
        next = setup;
        const run = await t.engine.waitForRun((await t.engine.runNow('calls')).id);
        ids[name] = run.id;
      }
      const finished = Math.max(...(await t.engine.history({ limit: 10 })).map((r) => r.finishedAt!));
      const purged = async () =>
        (await t.engine.history({ limit: 10 }))
          .filter((r) => r.detailsPurged)
          .map((r) => r.taskId && Object.keys(ids).find((k) => ids[k] === r.id))
          .sort();

      expect(await purge(t.store, finished + 15 * S, config.retention, config.historyDays)).toEqual({
        detailsPurged: 2,
        summariesDeleted: 0,
      });
      expect(await purged()).toEqual(['auth', 'network']);
      expect((await t.engine.runDetails(ids.network!)).log).toEqual([]);
      expect((await t.engine.runDetails(ids.unknown!)).log.length).toBeGreaterThan(0);

      await purge(t.store, finished + 30 * S, config.retention, config.historyDays);
      expect(await purged()).toEqual(['auth', 'network', 'success', 'warning']);
      await purge(t.store, finished + 50 * S, config.retention, config.historyDays);
      expect(await purged()).toEqual(['auth', 'network', 'recognized', 'success', 'warning']);
      await purge(t.store, finished + 61 * S, config.retention, config.historyDays);
      expect((await purged()).length).toBe(6);

      const details = await t.engine.runDetails(ids.success!);
      expect(details).toMatchObject({
        detailsPurged: true,
        detailsKeptUntil: null,
        detailsPurgedAt: finished + 30 * S,
      });

      expect(await purge(t.store, finished + 2 * 86_400_000, config.retention, config.historyDays)).toEqual({
        detailsPurged: 0,
        summariesDeleted: 6,
      });
      expect(await t.engine.history({ limit: 10 })).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('follows the current periods: a period shortened after the runs ended applies to them, and to "kept until"', async () => {
    const t = await startTestEngine({ dir: dir(), config, handlers: {} });
    try {
      const run = await t.engine.waitForRun((await t.engine.runNow('calls')).id);
      expect(run.detailsKeptUntil).toBe(run.finishedAt! + 20 * S);
      const shorter = testConfig(`historyDays: 1
retention: { network: 10s, auth: 10s, warning: 20s, success: 5s, cancelled: 20s, recognized: 40s, unknown: 60s }
${TEST_CONFIG}`);
      expect(await purge(t.store, run.finishedAt! + 4 * S, shorter.retention, shorter.historyDays)).toEqual({
        detailsPurged: 0,
        summariesDeleted: 0,
      });
      expect(await purge(t.store, run.finishedAt! + 6 * S, shorter.retention, shorter.historyDays)).toEqual({
        detailsPurged: 1,
        summariesDeleted: 0,
      });
      const row = (await t.store.getRun(run.id))!;
      expect(
        toRunSummary(
          { ...row, detailsPurgedAt: null },
          { tasks: new Map(), services: new Map(), instances: new Map() },
          shorter.retention,
        ).detailsKeptUntil,
      ).toBe(run.finishedAt! + 5 * S);
    } finally {
      await t.close();
    }
  });

  it('works through many runs in batches', async () => {
    const t = await startTestEngine({ dir: dir(), config, handlers: {} });
    try {
      for (let i = 0; i < 7; i++) await t.engine.waitForRun((await t.engine.runNow('calls')).id);
      const report = await purge(t.store, Date.now() + 86_400_000 * 3, config.retention, config.historyDays, {
        firstBatch: 2,
        maxBatch: 2,
      });
      expect(report).toEqual({ detailsPurged: 7, summariesDeleted: 7 });
    } finally {
      await t.close();
    }
  });
});

/** A store with 1 000 expired runs' details; `work` is what each batch of `n` rows costs. */
function thousandRows(work: (n: number) => Promise<void>, extra: Partial<Store> = {}) {
  let left = 1_000;
  const asked: number[] = [];
  const store = {
    purgeExpiredDetails: async (_cutoffs: unknown, _now: number, batch: number) => {
      asked.push(batch);
      const n = Math.min(batch, left);
      left -= n;
      await work(n);
      return n;
    },
    deleteSummariesBefore: async () => 0,
    deleteAlertsBefore: async () => 0,
    ...extra,
  } as unknown as Store;
  return { store, asked };
}

describe('retention.purge pacing', () => {
  it('sizes batches to the time slice: grows at most twofold, shrinks at once after a slow batch', () => {
    const pacing = { sliceMs: 4, maxBatch: 2_000 };
    expect(nextBatch(50, 1, pacing)).toBe(100);
    expect(nextBatch(100, 3, pacing)).toBe(133);
    expect(nextBatch(1_600, 2, pacing)).toBe(2_000);
    expect(nextBatch(400, 40, pacing)).toBe(40);
    expect(nextBatch(10, 900, pacing)).toBe(1);
  });

  it('rests after every batch as long as the batch took, and ends when a batch comes back short', async () => {
    // A store whose batches take 0.1 ms per row on a fake monotonic clock; 1 000 rows to purge.
    let clock = 0;
    const { store, asked } = thousandRows(async (n) => void (clock += n * 0.1));
    const rests: number[] = [];
    const report = await purge(store, Date.now(), config.retention, config.historyDays, {
      sliceMs: 4,
      firstBatch: 10,
      elapsed: () => clock,
      rest: async (ms) => {
        rests.push(ms);
        clock += ms;
      },
    });
    expect(report).toEqual({ detailsPurged: 1_000, summariesDeleted: 0 });
    // 10 rows take 1 ms, 20 take 2 ms, then 40 (4 ms): the slice.
    expect(asked.slice(0, 4)).toEqual([10, 20, 40, 40]);
    expect(Math.max(...asked)).toBe(40);
    expect(rests.slice(0, 3).map((ms) => Math.round(ms * 10) / 10)).toEqual([1, 2, 4]);
  });

  it("sizes batches by the store's CPU time where it tells it: waiting for a CPU does not shrink them", async () => {
    // 0.1 ms of CPU per row, and each batch waits 50 ms more on the wall clock (a busy machine).
    let cpu = 0;
    const { store, asked } = thousandRows(
      async (n) => {
        cpu += n * 0.1;
        await new Promise((resolve) => setImmediate(resolve));
      },
      { purgeCpuMs: () => cpu },
    );
    const rests: number[] = [];
    const report = await purge(store, Date.now(), config.retention, config.historyDays, {
      sliceMs: 4,
      firstBatch: 10,
      rest: async (ms) => void rests.push(ms),
    });
    expect(report).toEqual({ detailsPurged: 1_000, summariesDeleted: 0 });
    expect(asked.slice(0, 4)).toEqual([10, 20, 40, 40]);
    expect(rests.slice(0, 3).map((ms) => Math.round(ms * 10) / 10)).toEqual([1, 2, 4]);
  });
});
