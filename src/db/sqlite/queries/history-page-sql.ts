// A history page's WHERE clause (and a bounded count's) as plain SQL with its values in order (pure). The page
// query is then a statement prepared once per shape (history.ts), not one drizzle builds and
// SQLite prepares on every page: paging is the history's hot path.
//
// The plan each part gets (tests/unit/db/history-plans.test.ts):
// - the id bounds of a page: the keyset, and a time range as an id window (two seeks in
//   runs_started_at, run once per statement; src/db/history-time.ts). Each end is one
//   expression (max/min of the window's and the keyset's), because SQLite bounds a range
//   scan by one constraint per end and would walk from the window's end, not the page's;
// - the start time itself is checked with a unary +, so that the planner keeps to the id
//   order (the primary key, or the (column, id) index of another filter) instead of reading
//   the range in start order and sorting it;
// - a long visible-task list is checked with a unary + too: the planner then walks the
//   primary key in id order (history-split.ts, walkIdOrder).
import { walkIdOrder } from '../../history-split.js';
import { NO_UPPER_ID, START_ORDER_SLACK_MS } from '../../history-time.js';
import type { HistoryFilter } from '../../types.js';

interface Keyset {
  /** Runs above this id (paging up). */
  aboveId?: number | undefined;
  /** Runs below this id (paging down). */
  belowId?: number | undefined;
}

export interface Clause {
  /** The conditions joined by AND (at least one). */
  sql: string;
  params: unknown[];
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function pageWhere(f: HistoryFilter, keys: Keyset): Clause {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (f.visibleTaskIds) {
    const list = f.visibleTaskIds;
    if (list.length === 0) add('0');
    else add(`${walkIdOrder(f) ? '+' : ''}"task_id" IN (${placeholders(list.length)})`, ...list);
  }
  if (f.taskId !== undefined) add('"task_id" = ?', f.taskId);
  if (f.serviceId !== undefined) add('"service_id" = ?', f.serviceId);
  if (f.type !== undefined) add('"task_type" = ?', f.type);
  if (f.startedBy !== undefined) add('"started_by" = ?', f.startedBy);
  if (f.outcomes !== undefined) {
    if (f.outcomes.length === 1) add('"outcome" = ?', f.outcomes[0]);
    else if (f.outcomes.length === 0) add('0');
    else add(`"outcome" IN (${placeholders(f.outcomes.length)})`, ...f.outcomes);
  }
  const low =
    f.since === undefined
      ? null
      : 'coalesce((SELECT b.id FROM runs b WHERE b.started_at < ? ORDER BY b.started_at DESC LIMIT 1), 0)';
  const high =
    f.until === undefined
      ? null
      : `coalesce((SELECT b.id FROM runs b WHERE b.started_at >= ? ORDER BY b.started_at ASC LIMIT 1), ${NO_UPPER_ID})`;
  const lowAt = f.since === undefined ? [] : [f.since - START_ORDER_SLACK_MS];
  const highAt = f.until === undefined ? [] : [f.until + START_ORDER_SLACK_MS];
  if (low && keys.aboveId !== undefined) add(`"id" > max(${low}, ?)`, ...lowAt, keys.aboveId);
  else if (low) add(`"id" > ${low}`, ...lowAt);
  else if (keys.aboveId !== undefined) add('"id" > ?', keys.aboveId);
  if (high && keys.belowId !== undefined) add(`"id" < min(${high}, ?)`, ...highAt, keys.belowId);
  else if (high) add(`"id" < ${high}`, ...highAt);
  else if (keys.belowId !== undefined) add('"id" < ?', keys.belowId);
  if (f.since !== undefined) add('+"started_at" >= ?', f.since);
  if (f.until !== undefined) add('+"started_at" < ?', f.until);
  return { sql: where.length === 0 ? '1' : where.join(' AND '), params };
}

/** The start time as a plain range, which runs_started_at serves (counts need no id order). */
export function startedWithin(f: HistoryFilter): Clause {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.since !== undefined) {
    where.push('"started_at" >= ?');
    params.push(f.since);
  }
  if (f.until !== undefined) {
    where.push('"started_at" < ?');
    params.push(f.until);
  }
  return { sql: where.join(' AND '), params };
}
