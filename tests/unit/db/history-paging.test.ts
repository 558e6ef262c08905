// Keyset paging of the run history (issue 2): newest first, under any one filter, never
// OFFSET; no row is skipped or repeated across pages while new runs keep arriving; every
// filtered page query is served by an index without sorting the whole history.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFilter, HistoryPageQuery, Outcome, RunRow, Store } from '../../../src/db/index.js';
import * as historyQueries from '../../../src/db/sqlite/queries/history.js';
import type { Db } from '../../../src/db/sqlite/queries/db.js';
import * as schema from '../../../src/db/sqlite/schema.js';
import { T0, openTestStore, recordRun, seededRandom, serviceDef, startInput, taskDef } from '../../helpers/db-fixtures.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

const SERVICES = ['s1', 's2', 's3'];
const TASKS = [
  { id: 'a', service: 's1', type: 'calls' },
  { id: 'b', service: 's1', type: 'leads' },
  { id: 'c', service: 's2', type: 'calls' },
  { id: 'd', service: 's2', type: 'schedule' },
  { id: 'e', service: 's3', type: 'messages' },
  { id: 'f', service: 's3', type: 'calls' },
];
const FINISHED: Exclude<Outcome, 'running'>[] = ['success', 'success', 'success', 'warning', 'error', 'error', 'cancelled', 'interrupted'];

let store: Store;
let file: string;
/** Every run in the database, as the store returned it: the oracle. */
let all: RunRow[];
let clock: number;
let random: () => number;

async function addRuns(n: number): Promise<RunRow[]> {
  const added: RunRow[] = [];
  for (let i = 0; i < n; i++) {
    const task = TASKS[Math.floor(random() * TASKS.length)]!;
    const outcome = FINISHED[Math.floor(random() * FINISHED.length)]!;
    clock += 1_000;
    const run = await recordRun(store, task.id, clock, outcome, { instanceId: `inst-${i % 2}` });
    all.push(run);
    added.push(run);
  }
  return added;
}

function matches(f: HistoryFilter, r: RunRow): boolean {
  return (
    (f.visibleTaskIds === undefined || f.visibleTaskIds.includes(r.taskId)) &&
    (f.taskId === undefined || r.taskId === f.taskId) &&
    (f.serviceId === undefined || r.serviceId === f.serviceId) &&
    (f.type === undefined || r.taskType === f.type) &&
    (f.outcomes === undefined || f.outcomes.includes(r.outcome)) &&
    (f.since === undefined || r.startedAt >= f.since)
  );
}

/** Matching runs as they are in the database now, newest first. */
function expected(f: HistoryFilter): RunRow[] {
  return all.filter((r) => matches(f, r)).sort((x, y) => y.id - x.id);
}

const ids = (rows: RunRow[]) => rows.map((r) => r.id);

const FILTERS: [string, HistoryFilter][] = [
  ['no filter', {}],
  ['task', { taskId: 'c' }],
  ['service', { serviceId: 's2' }],
  ['type', { type: 'calls' }],
  ['one outcome', { outcomes: ['error'] }],
  ['errors (several outcomes)', { outcomes: ['error', 'interrupted'] }],
  ['visible tasks', { visibleTaskIds: ['a', 'd', 'f'] }],
  ['visible tasks + service', { visibleTaskIds: ['a', 'd', 'f'], serviceId: 's1' }],
  ['visible tasks + several outcomes', { visibleTaskIds: ['b', 'e'], outcomes: ['error', 'interrupted'] }],
  ['one visible task', { visibleTaskIds: ['e'] }],
  ['type + outcome', { type: 'calls', outcomes: ['success'] }],
  ['since', { since: T0 + 120_000 }],
];

// One database for the whole file: tests only add runs, and every run added is also
// added to the oracle, so each test checks against the database as it is then.
let dir: string;
beforeAll(async () => {
  dir = makeTempDir('syncdeck-history-');
  ({ store, file } = openTestStore(dir));
  all = [];
  clock = T0;
  random = seededRandom(20250106);
  await store.syncDefinitions(
    SERVICES.map((s) => serviceDef(s)),
    TASKS.map((t) => taskDef(t.id, t.service, { type: t.type })),
    T0,
  );
  await addRuns(150);
});

afterAll(async () => {
  await store.close();
  removeTempDir(dir);
});

describe('historyPage: paging down (beforeId) while runs are added', () => {
  it.each(FILTERS)('%s: every run present at the first page comes exactly once, newest first', async (_name, filter) => {
    const LIMIT = 7;
    const snapshot = expected(filter);
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
      await addRuns(2); // new runs arrive between two page fetches
    }
    expect(ids(seen)).toEqual(ids(snapshot)); // nothing skipped, nothing repeated, strictly newest first
    expect(seen).toEqual(snapshot); // and the rows are the stored rows
    expect(pages).toBe(Math.floor(snapshot.length / LIMIT) + 1);
    // The new runs were not lost either: the first page now starts with them.
    const top = await store.historyPage({ filter, limit: LIMIT });
    expect(ids(top)).toEqual(ids(expected(filter).slice(0, LIMIT)));
  });
});

describe('historyPage: paging up (afterId) and the oldest page (End)', () => {
  it.each(FILTERS)('%s: pages up from the middle reach the newest run, each page newest first', async (_name, filter) => {
    const LIMIT = 5;
    const snapshot = expected(filter);
    const anchor = snapshot[Math.floor(snapshot.length / 2)]!.id;

    const seen: RunRow[] = [];
    let afterId = anchor;
    for (;;) {
      const page = await store.historyPage({ filter, limit: LIMIT, afterId });
      // The LIMIT matching runs just above afterId, returned newest first.
      const want = expected(filter)
        .filter((r) => r.id > afterId)
        .slice(-LIMIT);
      expect(ids(page)).toEqual(ids(want));
      seen.push(...page);
      if (page.length < LIMIT) break; // the top: nothing newer than this page
      afterId = page[0]!.id;
      await addRuns(2); // new runs arrive between two page fetches
    }
    expect(await store.historyPage({ filter, limit: LIMIT, afterId: seen.length ? Math.max(...ids(seen)) : anchor })).toEqual([]);
    const above = expected(filter).filter((r) => r.id > anchor);
    expect(ids(seen).sort((x, y) => y - x)).toEqual(ids(above));
    expect(new Set(ids(seen)).size).toBe(seen.length);
  });

  it.each(FILTERS)('%s: the oldest page holds the oldest runs, newest first', async (_name, filter) => {
    const page = await store.historyPage({ filter, limit: 6, oldest: true });
    expect(ids(page)).toEqual(ids(expected(filter).slice(-6)));
  });

  it('a limit larger than the history returns all of it, from any direction', async () => {
    const filter = { taskId: 'a' };
    const everything = ids(expected(filter));
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
    clock += 1_000;
    const started = await store.startRun(startInput('a', 'inst-x', clock));
    if (!started.started) throw new Error('not started');
    expect(ids(await store.historyPage({ filter: {}, limit: 1 }))).toEqual([started.run.id]);
    expect(ids(await store.historyPage({ filter: { outcomes: ['running'] }, limit: 10 }))).toEqual([started.run.id]);
    await store.finishRun({ taskId: 'a', runId: started.run.id, epoch: started.epoch, instanceId: 'inst-x', finishedAt: clock + 5, outcome: 'success', errorClass: null, message: null, stoppedBy: null, detailsExpireAt: clock, schedule: null });
    expect(await store.historyPage({ filter: { outcomes: ['running'] }, limit: 10 })).toEqual([]);
    const finished = await store.getRun(started.run.id);
    expect(finished).toMatchObject({ outcome: 'success', finishedAt: clock + 5 });
    all.push(finished!);
  });

  it('getRuns returns the asked runs, and nothing for an empty list', async () => {
    const some = [all[3]!, all[100]!, all[7]!];
    const got = await store.getRuns(ids(some));
    expect(got.sort((x, y) => x.id - y.id)).toEqual([...some].sort((x, y) => x.id - y.id));
    expect(await store.getRuns([])).toEqual([]);
    expect(await store.getRun(999_999)).toBeUndefined();
  });
});

describe('countHistory', () => {
  it.each(FILTERS)('%s: counts exactly up to the bound, then stops at bound + 1', async (_name, filter) => {
    const total = expected(filter).length;
    expect(total).toBeGreaterThan(10);
    for (const bound of [0, 1, 10, total - 1, total, total + 50]) {
      expect(await store.countHistory(filter, bound)).toBe(Math.min(total, bound + 1));
    }
  });
});

describe('query plans: every filtered page is served by an index', () => {
  /** Runs a history query on a second connection that records the SQL it executes, with values bound. */
  function capture(run: (db: Db) => unknown): string[] {
    const statements: string[] = [];
    const raw = new Database(file, { fileMustExist: true, verbose: (sql) => statements.push(String(sql)) });
    try {
      run({ raw, orm: drizzle(raw, { schema }) });
      const plans = statements.filter((s) => /^\s*select/i.test(s));
      return plans.map((s) =>
        (raw.prepare(`EXPLAIN QUERY PLAN ${s}`).all() as { detail: string }[]).map((r) => r.detail).join(' | '),
      );
    } finally {
      raw.close();
    }
  }

  const INDEXED: [string, HistoryFilter][] = FILTERS.filter(([, f]) => Object.keys(f).some((k) => k !== 'since'));
  const directions: [string, Omit<HistoryPageQuery, 'filter'>][] = [
    ['first page', { limit: 50 }],
    ['next page', { limit: 50, beforeId: 120 }],
    ['previous page', { limit: 50, afterId: 120 }],
    ['oldest page', { limit: 50, oldest: true }],
  ];

  for (const [name, filter] of INDEXED) {
    it.each(directions)(`${name}: %s uses an index and never sorts`, (_dir, q) => {
      const plans = capture((db) => historyQueries.historyPage(db, { ...q, filter }));
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) {
        expect(plan).toMatch(/SEARCH runs USING (COVERING )?INDEX runs_\w+ \(/);
        expect(plan).not.toMatch(/SCAN runs(?! USING)/);
        expect(plan).not.toContain('TEMP B-TREE');
      }
    });
  }

  it.each(directions)('no filter: %s walks the primary key in order, without sorting', (_dir, q) => {
    const plans = capture((db) => historyQueries.historyPage(db, { ...q, filter: {} }));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/^(SCAN runs|SEARCH runs USING INTEGER PRIMARY KEY \(rowid[<>]\?\))$/);
  });

  it.each(INDEXED)('%s: countHistory reads an index, not the table', (_name, filter) => {
    const plans = capture((db) => historyQueries.countHistory(db, filter, 1000));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/SEARCH runs USING (COVERING )?INDEX runs_\w+ \(/);
    expect(plans[0]).not.toMatch(/SCAN runs(?! USING)/);
  });

  it('the capture sees what the store runs: the same rows come back', () => {
    const rows: RunRow[][] = [];
    capture((db) => rows.push(historyQueries.historyPage(db, { filter: { visibleTaskIds: ['a', 'b'] }, limit: 9 })));
    expect(ids(rows[0]!)).toEqual(ids(expected({ visibleTaskIds: ['a', 'b'] }).slice(0, 9)));
  });
});
