import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { runExchanges, runLogs, runs } from '../schema.js';
import type { ExchangeRow, HistoryFilter, HistoryPageQuery, LogRow, RunRow } from '../../types.js';
import type { Db } from './db.js';
import { preparedFor } from './prepared.js';
import { rawRows } from './raw-rows.js';
import { runStatements } from './run-statements.js';
import { mergeParts, splitListFilter, walkIdOrder } from '../../history-split.js';
import { NO_UPPER_ID, START_ORDER_SLACK_MS, timeOnly } from '../../history-time.js';

/** The keyset of a page: runs with ids above `aboveId` (paging up) or below `belowId` (paging down). */
interface Keyset {
  aboveId?: number | undefined;
  belowId?: number | undefined;
}

/**
 * The id bounds of a page: the keyset, and a time range as an id window (see
 * history-time.ts: two seeks in runs_started_at, run once per statement). Each end is one
 * expression (max/min of the window's and the keyset's), because SQLite bounds a range
 * scan by one constraint per end and would walk from the window's end, not the page's.
 * The start time itself is checked with a unary +, so that the planner keeps to the id
 * order (the primary key, or the (column, id) index of another filter) instead of reading
 * the range in start order and sorting it.
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
  if (low && keys.aboveId !== undefined) where.push(sql`${runs.id} > max(${low}, ${keys.aboveId})`);
  else if (low) where.push(sql`${runs.id} > ${low}`);
  else if (keys.aboveId !== undefined) where.push(gt(runs.id, keys.aboveId));
  if (high && keys.belowId !== undefined) where.push(sql`${runs.id} < min(${high}, ${keys.belowId})`);
  else if (high) where.push(sql`${runs.id} < ${high}`);
  else if (keys.belowId !== undefined) where.push(lt(runs.id, keys.belowId));
  if (f.since !== undefined) where.push(sql`+${runs.startedAt} >= ${f.since}`);
  if (f.until !== undefined) where.push(sql`+${runs.startedAt} < ${f.until}`);
  return where;
}

/** The start time as a plain range, which runs_started_at serves (counts need no id order). */
function startedWithin(f: HistoryFilter): SQL[] {
  const where: SQL[] = [];
  if (f.since !== undefined) where.push(gte(runs.startedAt, f.since));
  if (f.until !== undefined) where.push(lt(runs.startedAt, f.until));
  return where;
}

function filterWhere(f: HistoryFilter, keys: Keyset = {}): SQL[] {
  const where: SQL[] = [];
  if (f.visibleTaskIds) {
    const list = [...f.visibleTaskIds];
    // Unary + hides runs_task_id from the planner, which then walks the primary key in id order.
    if (walkIdOrder(f))
      where.push(
        sql`+${runs.taskId} IN (${sql.join(
          list.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    else where.push(list.length ? inArray(runs.taskId, list) : sql`0`);
  }
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
  if (q.afterId !== undefined || q.oldest) {
    const where = filterWhere(filter, { aboveId: q.afterId });
    const rows = db.orm
      .select()
      .from(runs)
      .where(and(...where))
      .orderBy(asc(runs.id))
      .limit(q.limit)
      .all();
    return rows.reverse();
  }
  const where = filterWhere(filter, { belowId: q.beforeId });
  return db.orm
    .select()
    .from(runs)
    .where(and(...where))
    .orderBy(desc(runs.id))
    .limit(q.limit)
    .all();
}

export function countHistory(db: Db, filter: HistoryFilter, bound: number): number {
  const where = timeOnly({ ...filter }) ? startedWithin(filter) : filterWhere(filter);
  const inner = db.orm
    .select({ one: sql`1` })
    .from(runs)
    .where(and(...where))
    .limit(bound + 1);
  const row = db.orm
    .select({ n: sql<number>`count(*)` })
    .from(inner.as('capped'))
    .get();
  return Number(row?.n ?? 0);
}

export function getRun(db: Db, id: number): RunRow | undefined {
  return runStatements(db).getRun.get({ id });
}

const runRows = rawRows(runs);

// The last run of every task on each snapshot: one statement taking the ids as a JSON array
// (not one bound parameter per id), rows without drizzle's mapping (raw-rows.ts).
const byIds = preparedFor((db: Db) => db.raw.prepare(`${runRows.select} WHERE id IN (SELECT value FROM json_each(?))`));

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
