import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { runExchanges, runLogs, runs } from '../schema.js';
import type { ExchangeRow, HistoryFilter, HistoryPageQuery, LogRow, RunRow } from '../../types.js';
import { NO_UPPER_ID, START_ORDER_SLACK_MS } from '../../history-time.js';
import type { Db } from './db.js';

/**
 * A time range as an id window (see history-time.ts): two seeks in runs_started_at, each
 * an InitPlan run once per statement. The start time itself is checked as started_at + 0,
 * which no index serves, so that the planner keeps to the id order (the primary key, or
 * the (column, id) index of another filter) instead of reading the range in start order
 * and sorting it.
 */
function timeWhere(f: HistoryFilter): SQL[] {
  const where: SQL[] = [];
  if (f.since !== undefined) {
    const before = sql`(SELECT b.id FROM runs b WHERE b.started_at < ${f.since - START_ORDER_SLACK_MS} ORDER BY b.started_at DESC LIMIT 1)`;
    where.push(sql`${runs.id} > coalesce(${before}, 0)`, sql`(${runs.startedAt} + 0) >= ${f.since}`);
  }
  if (f.until !== undefined) {
    const after = sql`(SELECT b.id FROM runs b WHERE b.started_at >= ${f.until + START_ORDER_SLACK_MS} ORDER BY b.started_at ASC LIMIT 1)`;
    where.push(sql`${runs.id} < coalesce(${after}, ${NO_UPPER_ID})`, sql`(${runs.startedAt} + 0) < ${f.until}`);
  }
  return where;
}

function filterWhere(f: HistoryFilter): SQL[] {
  const where: SQL[] = [];
  if (f.visibleTaskIds) where.push(f.visibleTaskIds.length ? inArray(runs.taskId, [...f.visibleTaskIds]) : sql`false`);
  if (f.taskId !== undefined) where.push(eq(runs.taskId, f.taskId));
  if (f.serviceId !== undefined) where.push(eq(runs.serviceId, f.serviceId));
  if (f.type !== undefined) where.push(eq(runs.taskType, f.type));
  if (f.startedBy !== undefined) where.push(eq(runs.startedBy, f.startedBy));
  if (f.outcomes !== undefined) {
    const [only] = f.outcomes;
    where.push(f.outcomes.length === 1 && only !== undefined ? eq(runs.outcome, only) : inArray(runs.outcome, [...f.outcomes]));
  }
  where.push(...timeWhere(f));
  return where;
}

/** Keyset paging on the run id (ids grow with start time): never OFFSET, so page 20 000 costs what page 1 does. */
export async function historyPage(db: Db, q: HistoryPageQuery): Promise<RunRow[]> {
  const list = listFilter(q.filter);
  if (!list) return pageOf(db, q.filter, q);
  // One index walk per value, merged by the server in one statement (a LATERAL join). A
  // plain IN (…) is fast while the values hold a good share of the history, but walks all
  // of it when they are rare (250 ms at a million runs): the planner misjudges the share.
  const where = filterWhere(list.rest);
  if (q.afterId !== undefined) where.push(gt(runs.id, q.afterId));
  if (q.beforeId !== undefined) where.push(lt(runs.id, q.beforeId));
  const order = q.afterId !== undefined || q.oldest === true ? sql`ASC` : sql`DESC`;
  const each = sql`SELECT ${runs.id} AS id FROM ${runs} WHERE ${and(sql`${list.column} = v.value`, ...where)} ORDER BY ${runs.id} ${order} LIMIT ${q.limit}`;
  const values = sql`ARRAY[${sql.join(list.values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
  const ids = sql`(SELECT p.id FROM unnest(${values}) AS v(value) CROSS JOIN LATERAL (${each}) p ORDER BY p.id ${order} LIMIT ${q.limit})`;
  return db.select().from(runs).where(inArray(runs.id, ids)).orderBy(desc(runs.id));
}

/** A list of tasks or outcomes that no single-value filter narrows to one index: read value by value. */
function listFilter(f: HistoryFilter): { column: typeof runs.taskId | typeof runs.outcome; values: readonly string[]; rest: HistoryFilter } | null {
  if (f.taskId !== undefined || f.serviceId !== undefined || f.type !== undefined || f.startedBy !== undefined || f.outcomes?.length === 1) return null;
  if (f.visibleTaskIds && f.visibleTaskIds.length > 1) return { column: runs.taskId, values: f.visibleTaskIds, rest: { ...f, visibleTaskIds: undefined } };
  if (f.outcomes && f.outcomes.length > 1) return { column: runs.outcome, values: f.outcomes, rest: { ...f, outcomes: undefined } };
  return null;
}

async function pageOf(db: Db, filter: HistoryFilter, q: HistoryPageQuery): Promise<RunRow[]> {
  const where = filterWhere(filter);
  if (q.afterId !== undefined || q.oldest) {
    if (q.afterId !== undefined) where.push(gt(runs.id, q.afterId));
    const rows = await db.select().from(runs).where(and(...where)).orderBy(asc(runs.id)).limit(q.limit);
    return rows.reverse();
  }
  if (q.beforeId !== undefined) where.push(lt(runs.id, q.beforeId));
  return db.select().from(runs).where(and(...where)).orderBy(desc(runs.id)).limit(q.limit);
}

export async function countHistory(db: Db, filter: HistoryFilter, bound: number): Promise<number> {
  const inner = db.select({ one: sql`1` }).from(runs).where(and(...filterWhere(filter))).limit(bound + 1);
  const [row] = await db.select({ n: sql<string>`count(*)` }).from(inner.as('capped'));
  return Number(row?.n ?? 0);
}

export async function getRun(db: Db, id: number): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row;
}

export function getRuns(db: Db, ids: readonly number[]): Promise<RunRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(runs).where(inArray(runs.id, [...ids]));
}

export function runLog(db: Db, runId: number): Promise<LogRow[]> {
  return db.select().from(runLogs).where(eq(runLogs.runId, runId)).orderBy(asc(runLogs.id));
}

export async function runExchangeRows(db: Db, runId: number): Promise<ExchangeRow[]> {
  const rows = await db.select().from(runExchanges).where(eq(runExchanges.runId, runId)).orderBy(asc(runExchanges.id));
  return rows.map((r) => ({
    ...r,
    requestHeaders: JSON.parse(r.requestHeaders) as Record<string, string>,
    responseHeaders: r.responseHeaders === null ? null : (JSON.parse(r.responseHeaders) as Record<string, string>),
  }));
}
