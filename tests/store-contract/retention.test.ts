// Retention queries (docs/ARCHITECTURE.md, Storage), on every store: the details (progress
// log, exchanges) of runs past their class's cutoff are deleted and the summary marked; old
// summaries are deleted with their details; both in batches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type DetailsCutoff, type RunRow, type Store } from '../../src/db/index.js';
import { DAY, T0, recordRun, serviceDef, startInput, taskDef } from '../helpers/db-fixtures.js';
import { STORE_KINDS, countRows, useStoreLocation } from '../helpers/stores.js';

describe.each(STORE_KINDS)('%s store', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-retention-');
  let store: Store;

  beforeEach(async () => {
    store = openStore(db().location);
    await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel'), taskDef('leads', 'tel')], T0);
  });
  afterEach(async () => {
    await store.close();
  });

  async function withDetails(run: RunRow): Promise<RunRow> {
    await store.appendLog(run.id, [
      { at: run.startedAt, level: 'info', message: `log of ${run.id}` },
      { at: run.startedAt + 1, level: 'error', message: 'boom' },
    ]);
    await store.addExchange(run.id, {
      at: run.startedAt,
      method: 'GET',
      url: 'http://127.0.0.1/x',
      requestHeaders: {},
      requestBody: null,
      status: 500,
      responseHeaders: {},
      responseBody: 'web server error',
      error: null,
      durationMs: 5,
    });
    return run;
  }

  /** Row counts read past the store: proves rows are gone, not just hidden. */
  async function detailRows(): Promise<{ logs: number; exchanges: number }> {
    return { logs: await countRows(db(), 'run_logs'), exchanges: await countRows(db(), 'run_exchanges') };
  }

  describe('purgeExpiredDetails', () => {
    it("deletes the log and exchanges of the runs past their class's cutoff only, and marks them", async () => {
      const now = T0 + 10 * DAY;
      const network = await withDetails(await recordRun(store, 'calls', T0, 'error', { errorClass: 'network' }));
      const onTheDot = await withDetails(await recordRun(store, 'calls', T0 + DAY, 'success'));
      const auth = await withDetails(await recordRun(store, 'leads', T0 + 2 * DAY, 'error', { errorClass: 'auth' }));
      const newer = await withDetails(await recordRun(store, 'leads', T0 + 3 * DAY, 'success'));
      const running = await store.startRun(startInput('calls', 'i1', T0 + 4 * DAY));
      if (!running.started) throw new Error('not started');
      await withDetails(running.run);
      expect(await detailRows()).toEqual({ logs: 10, exchanges: 5 });

      const cutoffs: DetailsCutoff[] = [
        { outcome: 'error', errorClass: 'network', finishedBefore: T0 + 2 * DAY },
        // A success that ended at T0 + DAY + 1s is past a cutoff one millisecond later, not at it.
        { outcome: 'success', errorClass: null, finishedBefore: onTheDot.finishedAt! + 1 },
        { outcome: 'error', errorClass: 'auth', finishedBefore: auth.finishedAt! },
      ];
      expect(await store.purgeExpiredDetails(cutoffs, now, 100)).toBe(2);

      for (const r of [network, onTheDot]) {
        expect(await store.runLog(r.id)).toEqual([]);
        expect(await store.runExchanges(r.id)).toEqual([]);
        expect(await store.getRun(r.id)).toEqual({ ...r, detailsPurgedAt: now }); // the summary stays as it was
      }
      for (const r of [auth, newer, running.run]) {
        expect(await store.runLog(r.id)).toHaveLength(2);
        expect(await store.runExchanges(r.id)).toHaveLength(1);
        expect((await store.getRun(r.id))?.detailsPurgedAt).toBeNull();
      }
      expect(await detailRows()).toEqual({ logs: 6, exchanges: 3 });

      // Done once: purged runs are not purged (or re-marked) again.
      expect(await store.purgeExpiredDetails(cutoffs, now + 1, 100)).toBe(0);
      expect((await store.getRun(network.id))?.detailsPurgedAt).toBe(now);
    });

    it('an error without a class is matched by a cutoff for a null class only', async () => {
      const unclassed = await withDetails(await recordRun(store, 'calls', T0, 'error', { errorClass: null }));
      const cutoff = (errorClass: DetailsCutoff['errorClass']): DetailsCutoff[] => [
        { outcome: 'error', errorClass, finishedBefore: T0 + DAY },
      ];
      expect(await store.purgeExpiredDetails(cutoff('unknown'), T0 + DAY, 100)).toBe(0);
      expect(await store.purgeExpiredDetails(cutoff(null), T0 + DAY, 100)).toBe(1);
      expect((await store.getRun(unclassed.id))?.detailsPurgedAt).toBe(T0 + DAY);
    });

    it('works in batches, across cutoffs', async () => {
      for (let i = 0; i < 3; i++) await withDetails(await recordRun(store, 'calls', T0 + i * 1_000, 'success'));
      for (let i = 0; i < 2; i++)
        await withDetails(await recordRun(store, 'leads', T0 + 10_000 + i * 1_000, 'warning'));
      const now = T0 + 2 * DAY;
      const cutoffs: DetailsCutoff[] = [
        { outcome: 'success', errorClass: null, finishedBefore: now },
        { outcome: 'warning', errorClass: null, finishedBefore: now },
      ];
      expect(await store.purgeExpiredDetails(cutoffs, now, 2)).toBe(2);
      expect(await store.purgeExpiredDetails(cutoffs, now, 2)).toBe(2);
      expect(await store.purgeExpiredDetails(cutoffs, now, 2)).toBe(1);
      expect(await store.purgeExpiredDetails(cutoffs, now, 2)).toBe(0);
      expect(await detailRows()).toEqual({ logs: 0, exchanges: 0 });
    });
  });

  describe('deleteSummariesBefore', () => {
    it('deletes old finished runs with their details; a running run and newer runs stay', async () => {
      const cutoff = T0 + 90 * DAY;
      const old1 = await withDetails(await recordRun(store, 'calls', T0, 'error'));
      const old2 = await withDetails(await recordRun(store, 'leads', T0 + 1, 'success'));
      const stillRunning = await store.startRun(startInput('calls', 'i1', T0 + 2));
      if (!stillRunning.started) throw new Error('not started');
      const onTheDot = await withDetails(await recordRun(store, 'leads', cutoff, 'success'));
      const recent = await withDetails(await recordRun(store, 'leads', cutoff + DAY, 'warning'));
      expect(await detailRows()).toEqual({ logs: 8, exchanges: 4 });

      expect(await store.deleteSummariesBefore(cutoff, 100)).toBe(2);

      expect(await store.getRun(old1.id)).toBeUndefined();
      expect(await store.getRun(old2.id)).toBeUndefined();
      expect(await store.getRun(stillRunning.run.id)).toMatchObject({ outcome: 'running' });
      expect(await store.getRun(onTheDot.id)).toEqual(onTheDot);
      expect(await store.getRun(recent.id)).toEqual(recent);
      // The details of the deleted runs went with them (ON DELETE CASCADE, foreign keys on).
      expect(await detailRows()).toEqual({ logs: 4, exchanges: 2 });
      expect(await store.countHistory({}, 100)).toBe(3);
      expect(await store.deleteSummariesBefore(cutoff, 100)).toBe(0);
    });

    it('works in batches', async () => {
      for (let i = 0; i < 5; i++) await recordRun(store, 'calls', T0 + i, 'success');
      const cutoff = T0 + DAY;
      expect(await store.deleteSummariesBefore(cutoff, 2)).toBe(2);
      expect(await store.deleteSummariesBefore(cutoff, 2)).toBe(2);
      expect(await store.deleteSummariesBefore(cutoff, 2)).toBe(1);
      expect(await store.deleteSummariesBefore(cutoff, 2)).toBe(0);
      expect(await store.countHistory({}, 10)).toBe(0);
    });
  });
});
