import { asc, eq } from 'drizzle-orm';
import { runExchanges, runLogs, runs } from '../schema.js';
import type { ExchangeRow, HistoryFilter, HistoryPageQuery, LogRow, RunRow } from '../../types.js';
import type { Db } from './db.js';
import { pageWhere, startedWithin } from './history-page-sql.js';
import { preparedFor, statementsByShape } from './prepared.js';
import { rawRows } from './raw-rows.js';
import { runStatements } from './run-statements.js';
import { mergeParts, splitListFilter } from '../../history-split.js';
import { timeOnly } from '../../history-time.js';

/**
 * A page's SQL text depends on which filters it has and, for a visible-task list, on the
 * list's length: a few dozen shapes in a session, each prepared once per connection.
 */
const byShape = statementsByShape();
const statement = (db: Db, text: string) => byShape(db, text, () => text);

const runRows = rawRows(runs);

/** Keyset paging on the run id (ids grow with start time): never OFFSET, so page 20 000 costs what page 1 does. */
export function historyPage(db: Db, q: HistoryPageQuery): RunRow[] {
  const parts = splitListFilter(q.filter);
  if (parts.length === 1) return pageOf(db, q.filter, q);
  // One query per value, each served by its index in id order; merged here. One read
  // transaction, so all parts see the same snapshot.
  const upward = q.afterId !== undefined || q.oldest === true;
  const rows = db.raw.transaction(() => parts.flatMap((f) => pageOf(db, f, q))).deferred();
  return mergeParts(rows, q.limit, upward);
}

function pageOf(db: Db, filter: HistoryFilter, q: HistoryPageQuery): RunRow[] {
  const upward = q.afterId !== undefined || q.oldest === true;
  const where = pageWhere(filter, upward ? { aboveId: q.afterId } : { belowId: q.beforeId });
  const text = `${runRows.select} WHERE ${where.sql} ORDER BY "id" ${upward ? 'ASC' : 'DESC'} LIMIT ?`;
  const rows = runRows.rows(
    statement(db, text)
      .raw()
      .all(...where.params, q.limit),
  );
  return upward ? rows.reverse() : rows;
}

export function countHistory(db: Db, filter: HistoryFilter, bound: number): number {
  const where = timeOnly({ ...filter }) ? startedWithin(filter) : pageWhere(filter, {});
  const text = `SELECT count(*) FROM (SELECT 1 FROM "runs" WHERE ${where.sql} LIMIT ?)`;
  return Number(
    statement(db, text)
      .pluck()
      .get(...where.params, bound + 1) ?? 0,
  );
}

export function getRun(db: Db, id: number): RunRow | undefined {
  return runStatements(db).getRun.get({ id });
}

// The last run of every task on each snapshot: one statement taking the ids as a JSON array
// (not one bound parameter per id), rows without drizzle's mapping (raw-rows.ts).
const byIds = preparedFor((db: Db) =>
  db.raw.prepare(`${runRows.select} WHERE id IN (SELECT value FROM json_each(?))`).raw(),
);

export function getRuns(db: Db, ids: readonly number[]): RunRow[] {
  if (ids.length === 0) return [];
  return runRows.rows(byIds(db).all(JSON.stringify(ids)));
}

export function runLog(db: Db, runId: number): LogRow[] {
  return db.orm.select().from(runLogs).where(eq(runLogs.runId, runId)).orderBy(asc(runLogs.id)).all();
}

export function runExchangeRows(db: Db, runId: number): ExchangeRow[] {
  const rows = db.orm
    .select()
    .from(runExchanges)
    .where(eq(runExchanges.runId, runId))
    .orderBy(asc(runExchanges.id))
    .all();
  return rows.map((r) => ({
    ...r,
    requestHeaders: JSON.parse(r.requestHeaders) as Record<string, string>,
    responseHeaders: r.responseHeaders === null ? null : (JSON.parse(r.responseHeaders) as Record<string, string>),
  }));
}
