// Keyset paging of the run history (issue 2), on every store: newest first, under any
// one filter, never OFFSET; no row is skipped or repeated across pages while new runs
// keep arriving; counts stop at their bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type HistoryPageQuery, type RunRow, type Store } from '../../src/db/index.js';
import { MINUTE, recordRun, startInput } from '../helpers/db-fixtures.js';
import { FILTERS, HistoryOracle, ids, matches } from '../helpers/history-fixture.js';
import { STORE_KINDS, makeStoreLocation, type StoreLocation } from '../helpers/stores.js';

describe.each(STORE_KINDS)('%s store', (kind) => {
  // One database for the whole file: tests only add runs, and every run added is also
  // added to the oracle, so each test checks against the database as it is then.
  let where: StoreLocation;
  let store: Store;
  let oracle: HistoryOracle;
  beforeAll(async () => {
    where = await makeStoreLocation(kind, 'syncdeck-history-');
    store = openStore(where.location);
    oracle = new HistoryOracle(store);
    await oracle.defineTasks();
    await oracle.addRuns(150);
  });
  afterAll(async () => {
    await store.close();
    await where.remove();
  });

  describe('historyPage: paging down (beforeId) while runs are added', () => {
    it.each(FILTERS)(
      '%s: every run present at the first page comes exactly once, newest first',
      async (_name, filter) => {
        const LIMIT = 7;
        const snapshot = oracle.expected(filter);
        expect(snapshot.length).toBeGreaterThan(LIMIT * 2); // the data really spans several pages

        const seen: RunRow[] = [];
        let beforeId: number | undefined;
        let pages = 0;
        for (;;) {
          const query: HistoryPageQuery = { filter, limit: LIMIT };
          if (beforeId !== undefined) query.beforeId = beforeId;
          const page = await store.historyPage(query);
          pages++;
          expect(page.length).toBeLessThanOrEqual(LIMIT);
          for (const r of page) expect(matches(filter, r)).toBe(true);
          seen.push(...page);
          if (page.length < LIMIT) break;
          beforeId = page[page.length - 1]!.id;
          await oracle.addRuns(2); // new runs arrive between two page fetches
        }
        expect(ids(seen)).toEqual(ids(snapshot)); // nothing skipped, nothing repeated, strictly newest first
        expect(seen).toEqual(snapshot); // and the rows are the stored rows
        expect(pages).toBe(Math.floor(snapshot.length / LIMIT) + 1);
        // The new runs were not lost either: the first page now starts with them.
        const top = await store.historyPage({ filter, limit: LIMIT });
        expect(ids(top)).toEqual(ids(oracle.expected(filter).slice(0, LIMIT)));
      },
    );
  });

  describe('historyPage: paging up (afterId) and the oldest page (End)', () => {
    it.each(FILTERS)(
      '%s: pages up from the middle reach the newest run, each page newest first',
      async (_name, filter) => {
        const LIMIT = 5;
        const snapshot = oracle.expected(filter);
        const anchor = snapshot[Math.floor(snapshot.length / 2)]!.id;

        const seen: RunRow[] = [];
        let afterId = anchor;
        for (;;) {
          const page = await store.historyPage({ filter, limit: LIMIT, afterId });
          // The LIMIT matching runs just above afterId, returned newest first.
          const want = oracle
            .expected(filter)
            .filter((r) => r.id > afterId)
            .slice(-LIMIT);
          expect(ids(page)).toEqual(ids(want));
          seen.push(...page);
          if (page.length < LIMIT) break; // the top: nothing newer than this page
          afterId = page[0]!.id;
          await oracle.addRuns(2); // new runs arrive between two page fetches
        }
        expect(
          await store.historyPage({ filter, limit: LIMIT, afterId: seen.length ? Math.max(...ids(seen)) : anchor }),
        ).toEqual([]);
        const above = oracle.expected(filter).filter((r) => r.id > anchor);
        expect(ids(seen).sort((x, y) => y - x)).toEqual(ids(above));
        expect(new Set(ids(seen)).size).toBe(seen.length);
      },
    );

    it.each(FILTERS)('%s: the oldest page holds the oldest runs, newest first', async (_name, filter) => {
      const page = await store.historyPage({ filter, limit: 6, oldest: true });
      expect(ids(page)).toEqual(ids(oracle.expected(filter).slice(-6)));
    });

    it('a limit larger than the history returns all of it, from any direction', async () => {
      const filter = { taskId: 'a' };
      const everything = ids(oracle.expected(filter));
      expect(ids(await store.historyPage({ filter, limit: 10_000 }))).toEqual(everything);
      expect(ids(await store.historyPage({ filter, limit: 10_000, oldest: true }))).toEqual(everything);
      expect(ids(await store.historyPage({ filter, limit: 10_000, afterId: 0 }))).toEqual(everything);
      expect(await store.historyPage({ filter, limit: 10, beforeId: everything.at(-1)! })).toEqual([]);
    });
  });

  describe('historyPage: filters', () => {
    it('an empty visible list shows nothing', async () => {
      expect(await store.historyPage({ filter: { visibleTaskIds: [] }, limit: 50 })).toEqual([]);
      expect(await store.historyPage({ filter: { visibleTaskIds: [] }, limit: 50, oldest: true })).toEqual([]);
      expect(await store.countHistory({ visibleTaskIds: [] }, 100)).toBe(0);
    });

    it('a task outside the visible list shows nothing even when asked for by id', async () => {
      expect(await store.historyPage({ filter: { visibleTaskIds: ['a'], taskId: 'b' }, limit: 50 })).toEqual([]);
    });

    it('a running run is listed, and leaves an outcome filter when it finishes', async () => {
      oracle.clock += 1_000;
      const started = await store.startRun(startInput('a', 'inst-x', oracle.clock));
      if (!started.started) throw new Error('not started');
      expect(ids(await store.historyPage({ filter: {}, limit: 1 }))).toEqual([started.run.id]);
      expect(ids(await store.historyPage({ filter: { outcomes: ['running'] }, limit: 10 }))).toEqual([started.run.id]);
      await store.finishRun({
        taskId: 'a',
        runId: started.run.id,
        epoch: started.epoch,
        instanceId: 'inst-x',
        finishedAt: oracle.clock + 5,
        outcome: 'success',
        errorClass: null,
        message: null,
        stoppedBy: null,
        detailsExpireAt: oracle.clock,
        schedule: null,
      });
      expect(await store.historyPage({ filter: { outcomes: ['running'] }, limit: 10 })).toEqual([]);
      const finished = await store.getRun(started.run.id);
      expect(finished).toMatchObject({ outcome: 'success', finishedAt: oracle.clock + 5 });
      oracle.all.push(finished!);
    });

    it('a run recorded out of start order, by less than the slack of a time range, is still in its range', async () => {
      // A computer whose clock was 50 minutes behind records a run after newer ones.
      const late = oracle.clock - 50 * MINUTE;
      const run = await recordRun(store, 'b', late, 'error', { startedBy: 'olga' });
      oracle.all.push(run);
      expect(run.id).toBeGreaterThan(Math.max(...ids(oracle.all.slice(0, -1))));
      const filter = { since: late - 5 * MINUTE, until: late + 5 * MINUTE };
      expect(ids(oracle.expected(filter))).toContain(run.id);
      expect(ids(await store.historyPage({ filter, limit: 50 }))).toEqual(ids(oracle.expected(filter)));
      expect(
        ids(await store.historyPage({ filter: { ...filter, startedBy: 'olga' }, limit: 50, oldest: true })),
      ).toEqual(ids(oracle.expected({ ...filter, startedBy: 'olga' })));
      expect(await store.countHistory(filter, 100)).toBe(oracle.expected(filter).length);
    });

    it('getRuns returns the asked runs, and nothing for an empty list', async () => {
      const some = [oracle.all[3]!, oracle.all[100]!, oracle.all[7]!];
      const got = await store.getRuns(ids(some));
      expect(got.sort((x, y) => x.id - y.id)).toEqual([...some].sort((x, y) => x.id - y.id));
      expect(await store.getRuns([])).toEqual([]);
      expect(await store.getRun(999_999)).toBeUndefined();
    });
  });

  describe('countHistory', () => {
    it.each(FILTERS)('%s: counts exactly up to the bound, then stops at bound + 1', async (_name, filter) => {
      const total = oracle.expected(filter).length;
      expect(total).toBeGreaterThan(10);
      for (const bound of [0, 1, 10, total - 1, total, total + 50]) {
        expect(await store.countHistory(filter, bound)).toBe(Math.min(total, bound + 1));
      }
    });
  });
});
