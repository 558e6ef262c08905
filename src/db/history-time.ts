/**
 * A time range of the history is read along the run ids, like every other filter, so that
 * keyset paging by id and the bounded count keep their cost. A run's id is given when it
 * starts, so id order is start order, give or take clocks that disagree (two computers on
 * one PostgreSQL server, a clock stepped back). The range's id window is found with two
 * seeks in runs_started_at, each widened by this slack:
 *
 * - every run that started at or after `since` has an id above the last run that started
 *   before `since - START_ORDER_SLACK_MS`;
 * - every run that started before `until` has an id below the first run that started at or
 *   after `until + START_ORDER_SLACK_MS`.
 *
 * The time predicate itself stays in the query, so the window only bounds the scan: a run
 * is left out only when it was recorded more than the slack out of start order. The
 * slack costs one hour of runs scanned at each edge of the window (about 460 runs at a
 * million runs over 90 days).
 */
export const START_ORDER_SLACK_MS = 60 * 60_000;

/** Above any run id: the upper end of a window that has no run after it. */
export const NO_UPPER_ID = Number.MAX_SAFE_INTEGER;

/**
 * A filter on the start time alone: counting it needs no id order, so the count reads
 * runs_started_at directly (the index alone) instead of the id window.
 */
export function timeOnly(f: { since?: number; until?: number; [key: string]: unknown }): boolean {
  return (
    (f.since !== undefined || f.until !== undefined) &&
    Object.entries(f).every(([k, v]) => v === undefined || k === 'since' || k === 'until')
  );
}
