import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { runExchanges, runLogs, runs } from '../schema.js';
import type { ExchangeRow, HistoryFilter, HistoryPageQuery, LogRow, RunRow } from '../../types.js';
import { NO_UPPER_ID, START_ORDER_SLACK_MS, timeOnly } from '../../history-time.js';
import type { Db } from './db.js';

/** The keyset of a page: runs with ids above `aboveId` (paging up) or below `belowId` (paging down). */
interface Keyset {
  aboveId?: number | undefined;
  belowId?: number | undefined;
}

/**
 * The id bounds of a page: the keyset, and a time range as an id window (see
 * history-time.ts: two seeks in runs_started_at, each an InitPlan run once per statement),
 * each end one GREATEST/LEAST expression. The start time itself is checked as
 * started_at + 0, which no index serves, so that the planner keeps to the id order (the
 * primary key, or the (column, id) index of another filter) instead of reading the range
 * in start order and sorting it.
 */
function idBounds(f: HistoryFilter, keys: Keyset): SQL[] {
  const where: SQL[] = [];
  const low =
    f.since === undefined
      ? null
      : sql`coalesce((SELECT b.id FROM runs b WHERE b.started_at < ${f.since - START_ORDER_SLACK_MS} ORDER BY b.started_at DESC LIMIT 1), 0)`;
  const high =
    f.until === undefined
      ? null
      : sql`coalesce((SELECT b.id FROM runs b WHERE b.started_at >= ${f.until + START_ORDER_SLACK_MS} ORDER BY b.started_at ASC LIMIT 1), ${NO_UPPER_ID})`;
  if (low && keys.aboveId !== undefined) where.push(sql`${runs.id} > greatest(${low}, ${keys.aboveId})`);
  else if (low) where.push(sql`${runs.id} > ${low}`);
  else if (keys.aboveId !== undefined) where.push(gt(runs.id, keys.aboveId));
  if (high && keys.belowId !== undefined) where.push(sql`${runs.id} < least(${high}, ${keys.belowId})`);
  else if (high) where.push(sql`${runs.id} < ${high}`);
  else if (keys.belowId !== undefined) where.push(lt(runs.id, keys.belowId));
  if (f.since !== undefined) where.push(sql`(${runs.startedAt} + 0) >= ${f.since}`);
  if (f.until !== undefined) where.push(sql`(${runs.startedAt} + 0) < ${f.until}`);
  return where;
}

function filterWhere(f: HistoryFilter, keys: Keyset = {}): SQL[] {
  const where: SQL[] = [];
  if (f.visibleTaskIds) where.push(f.visibleTaskIds.length ? inArray(runs.taskId, [...f.visibleTaskIds]) : sql`false`);
  if (f.taskId !== undefined) where.push(eq(runs.taskId, f.taskId));
  if (f.serviceId !== undefined) where.push(eq(runs.serviceId, f.serviceId));
  if (f.type !== undefined) where.push(eq(runs.taskType, f.type));
  if (f.startedBy !== undefined) where.push(eq(runs.startedBy, f.startedBy));
  if (f.outcomes !== undefined) {
    const [only] = f.outcomes;
    where.push(
      f.outcomes.length === 1 && only !== undefined ? eq(runs.outcome, only) : inArray(runs.outcome, [...f.outcomes]),
    );
  }
  where.push(...idBounds(f, keys));
  return where;
}

/** Keyset paging on the run id (ids grow with start time): never OFFSET, so page 20 000 costs what page 1 does. */
export async function historyPage(db: Db, q: HistoryPageQuery): Promise<RunRow[]> {
  const list = listFilter(q.filter);
  if (!list) return pageOf(db, q.filter, q);
  // One index walk per value, merged by the server in one statement (a LATERAL join). A
  // plain IN (…) is fast while the values hold a good share of the history, but walks all
  // of it when they are rare (250 ms at a million runs): the planner misjudges the share.
  const where = filterWhere(list.rest, {
    aboveId: q.afterId,
    belowId: q.afterId === undefined && !q.oldest ? q.beforeId : undefined,
  });
  const order = q.afterId !== undefined || q.oldest === true ? sql`ASC` : sql`DESC`;
  const each = sql`SELECT ${runs.id} AS id FROM ${runs} WHERE ${and(sql`${list.column} = v.value`, ...where)} ORDER BY ${runs.id} ${order} LIMIT ${q.limit}`;
  const values = sql`ARRAY[${sql.join(
    list.values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
  const ids = sql`(SELECT p.id FROM unnest(${values}) AS v(value) CROSS JOIN LATERAL (${each}) p ORDER BY p.id ${order} LIMIT ${q.limit})`;
  return db.select().from(runs).where(inArray(runs.id, ids)).orderBy(desc(runs.id));
}

/** A list of tasks or outcomes that no single-value filter narrows to one index: read value by value. */
function listFilter(
  f: HistoryFilter,
): { column: typeof runs.taskId | typeof runs.outcome; values: readonly string[]; rest: HistoryFilter } | null {
  if (
    f.taskId !== undefined ||
    f.serviceId !== undefined ||
    f.type !== undefined ||
    f.startedBy !== undefined ||
    f.outcomes?.length === 1
  )
    return null;
  if (f.visibleTaskIds && f.visibleTaskIds.length > 1)
    return { column: runs.taskId, values: f.visibleTaskIds, rest: { ...f, visibleTaskIds: undefined } };
  if (f.outcomes && f.outcomes.length > 1)
    return { column: runs.outcome, values: f.outcomes, rest: { ...f, outcomes: undefined } };
  return null;
}

async function pageOf(db: Db, filter: HistoryFilter, q: HistoryPageQuery): Promise<RunRow[]> {
  if (q.afterId !== undefined || q.oldest) {
    const where = filterWhere(filter, { aboveId: q.afterId });
    const rows = await db
      .select()
      .from(runs)
      .where(and(...where))
      .orderBy(asc(runs.id))
      .limit(q.limit);
    return rows.reverse();
  }
  const where = filterWhere(filter, { belowId: q.beforeId });
  return db
    .select()
    .from(runs)
    .where(and(...where))
    .orderBy(desc(runs.id))
    .limit(q.limit);
}

export async function countHistory(db: Db, filter: HistoryFilter, bound: number): Promise<number> {
  // The start time alone is counted in runs_started_at: a count needs no id order.
  const where = timeOnly({ ...filter })
    ? [
        filter.since === undefined ? undefined : gte(runs.startedAt, filter.since),
        filter.until === undefined ? undefined : lt(runs.startedAt, filter.until),
      ]
    : filterWhere(filter);
  const inner = db
    .select({ one: sql`1` })
    .from(runs)
    .where(and(...where))
    .limit(bound + 1);
  const [row] = await db.select({ n: sql<string>`count(*)` }).from(inner.as('capped'));
  return Number(row?.n ?? 0);
}

export async function getRun(db: Db, id: number): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row;
}

export function getRuns(db: Db, ids: readonly number[]): Promise<RunRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(runs)
    .where(inArray(runs.id, [...ids]));
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
