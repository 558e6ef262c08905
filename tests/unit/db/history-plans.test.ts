// SQLite's query plans for the history (issue 2): every filtered page query is served by
// an index without sorting the whole history. (Paging itself: tests/store-contract.)
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFilter, HistoryPageQuery, RunRow, Store } from '../../../src/db/index.js';
import * as historyQueries from '../../../src/db/sqlite/queries/history.js';
import type { Db } from '../../../src/db/sqlite/queries/db.js';
import { openTestStore } from '../../helpers/db-fixtures.js';
import { FILTERS, HistoryOracle, ids } from '../../helpers/history-fixture.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir.js';

let store: Store;
let file: string;
let oracle: HistoryOracle;
let dir: string;
beforeAll(async () => {
  dir = makeTempDir('syncdeck-plans-');
  ({ store, file } = openTestStore(dir));
  oracle = new HistoryOracle(store);
  await oracle.defineTasks();
  await oracle.addRuns(150);
});

afterAll(async () => {
  await store.close();
  removeTempDir(dir);
});

describe('query plans: every filtered page is served by an index', () => {
  /** Runs a history query on a second connection that records the SQL it executes, with values bound. */
  function capture(run: (db: Db) => unknown): string[] {
    const statements: string[] = [];
    const raw = new Database(file, { fileMustExist: true, verbose: (sql) => statements.push(String(sql)) });
    try {
      run({ raw, orm: drizzle(raw) });
      const plans = statements.filter((s) => /^\s*select/i.test(s));
      return plans.map((s) =>
        (raw.prepare(`EXPLAIN QUERY PLAN ${s}`).all() as { detail: string }[]).map((r) => r.detail).join(' | '),
      );
    } finally {
      raw.close();
    }
  }

  const TIME_KEYS = ['since', 'until'];
  const INDEXED: [string, HistoryFilter][] = FILTERS.filter(([, f]) =>
    Object.keys(f).some((k) => !TIME_KEYS.includes(k)),
  );
  const TIME_ONLY: [string, HistoryFilter][] = FILTERS.filter(
    ([, f]) => Object.keys(f).length > 0 && Object.keys(f).every((k) => TIME_KEYS.includes(k)),
  );
  /** The search of the runs table itself (the window's seeks are searches of `b`). */
  const runsSearch = (plan: string) =>
    plan.split(' | ').find((step) => step.startsWith('SEARCH runs') || step.startsWith('SCAN runs')) ?? '';
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

  for (const [name, filter] of TIME_ONLY) {
    it.each(directions)(
      `${name}: %s walks the primary key inside the id window of the range, without sorting`,
      (_dir, q) => {
        const plans = capture((db) => historyQueries.historyPage(db, { ...q, filter }));
        expect(plans).toHaveLength(1);
        expect(runsSearch(plans[0]!)).toMatch(
          /^SEARCH runs USING INTEGER PRIMARY KEY \(rowid[<>]\?( AND rowid<\?)?\)$/,
        );
        // The window's ends: one seek each in runs_started_at.
        expect(plans[0]!.match(/SEARCH b USING COVERING INDEX runs_started_at/g)).toHaveLength(
          Object.keys(filter).length,
        );
        expect(plans[0]).not.toContain('TEMP B-TREE');
      },
    );
  }

  it.each(INDEXED.filter(([, f]) => f.since !== undefined && f.until !== undefined))(
    '%s: the index is read only inside the id window of the range',
    (_name, filter) => {
      for (const plan of capture((db) => historyQueries.historyPage(db, { filter, limit: 50 }))) {
        expect(runsSearch(plan)).toMatch(
          /^SEARCH runs USING (COVERING )?INDEX runs_\w+ \(\w+=\? AND (rowid|id)>\? AND (rowid|id)<\?\)$/,
        );
      }
    },
  );

  it.each(INDEXED.filter(([, f]) => f.startedBy !== undefined))('%s: served by runs_started_by_id', (_name, filter) => {
    for (const plan of capture((db) => historyQueries.historyPage(db, { filter, limit: 50 })))
      expect(runsSearch(plan)).toContain('INDEX runs_started_by_id (started_by=?');
  });

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

  it.each(TIME_ONLY)('%s: countHistory reads runs_started_at alone (a count needs no id order)', (_name, filter) => {
    const plans = capture((db) => historyQueries.countHistory(db, filter, 1000));
    expect(plans).toHaveLength(1);
    expect(runsSearch(plans[0]!)).toMatch(
      /^SEARCH runs USING COVERING INDEX runs_started_at \(started_at[<>]\?( AND started_at<\?)?\)$/,
    );
  });

  it('the capture sees what the store runs: the same rows come back', () => {
    const rows: RunRow[][] = [];
    capture((db) => rows.push(historyQueries.historyPage(db, { filter: { visibleTaskIds: ['a', 'b'] }, limit: 9 })));
    expect(ids(rows[0]!)).toEqual(ids(oracle.expected({ visibleTaskIds: ['a', 'b'] }).slice(0, 9)));
  });
});
