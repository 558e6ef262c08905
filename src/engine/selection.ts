// Which tasks and runs an engine works on: pure functions over store rows.
import type { HistoryFilter, TaskRow } from '../db/types.js';
import { canSee, runsAutomatically } from './identity.js';
import type { HistoryQuery, Identity } from './types.js';

/** Tasks this instance should start now: its roles, active, due, not leased, not already running here. */
export function dueTasks(
  rows: readonly TaskRow[],
  identity: Identity,
  runningHere: ReadonlySet<string>,
  now: number,
): TaskRow[] {
  return rows
    .filter(
      (t) =>
        t.inConfig &&
        t.enabled &&
        !t.paused &&
        runsAutomatically(identity, t) &&
        !runningHere.has(t.id) &&
        (t.nextRunAt ?? 0) <= now &&
        (t.leaseOwner === null || (t.leaseExpiresAt ?? 0) < now),
    )
    .sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0));
}

/**
 * When the next task this instance may start automatically becomes due: its next run, or
 * the expiry of another instance's lease on it (that instance may have died). null: none.
 */
export function nextDueAt(
  rows: readonly TaskRow[],
  identity: Identity,
  runningHere: ReadonlySet<string>,
  now: number,
): number | null {
  let next: number | null = null;
  for (const t of rows) {
    if (!t.inConfig || !t.enabled || t.paused || !runsAutomatically(identity, t) || runningHere.has(t.id)) continue;
    const leasedUntil = t.leaseOwner !== null && (t.leaseExpiresAt ?? 0) >= now ? (t.leaseExpiresAt ?? 0) + 1 : 0;
    const due = Math.max(t.nextRunAt ?? 0, leasedUntil);
    if (next === null || due < next) next = due;
  }
  return next;
}

/** The store filter for a history query, restricted to the tasks the user may see. */
export function historyFilterFor(
  identity: Identity,
  tasks: readonly TaskRow[],
  q: Omit<HistoryQuery, 'limit'>,
): HistoryFilter {
  const filter: HistoryFilter = {};
  if (!identity.settings) filter.visibleTaskIds = tasks.filter((t) => canSee(identity, t)).map((t) => t.id);
  if (q.taskId !== undefined) filter.taskId = q.taskId;
  if (q.service !== undefined) filter.serviceId = q.service;
  if (q.type !== undefined) filter.type = q.type;
  // "Errors" is what is drawn red: errors and interruptions.
  if (q.outcome !== undefined) filter.outcomes = q.outcome === 'errors' ? ['error', 'interrupted'] : [q.outcome];
  if (q.startedBy !== undefined) filter.startedBy = q.startedBy;
  if (q.since !== undefined) filter.since = q.since;
  if (q.until !== undefined) filter.until = q.until;
  return filter;
}
