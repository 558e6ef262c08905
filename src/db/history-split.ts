import type { HistoryFilter } from './types.js';

/**
 * Above this many visible tasks, a page is read along the id order of the whole history
 * with the list as a filter (`walkIdOrder`): those tasks hold a good share of all runs,
 * so a page is found within a few thousand rows, while 100 part queries and their merge
 * cost 50 ms at a million runs.
 */
export const MAX_SPLIT = 16;

/** The visible-task list is checked row by row along the id order, not through its index. */
export function walkIdOrder(f: HistoryFilter): boolean {
  return (f.visibleTaskIds?.length ?? 0) > MAX_SPLIT;
}

/**
 * A list filter (the visible tasks, several outcomes) has no index that yields its rows
 * in id order: the database would sort every matching run of the whole history for each
 * page. When no single-value filter picks an index, the list is split into one filter per
 * value; each part is read along its index in id order, and the parts are merged.
 */
export function splitListFilter(f: HistoryFilter): HistoryFilter[] {
  const hasEquality =
    f.taskId !== undefined ||
    f.serviceId !== undefined ||
    f.type !== undefined ||
    f.startedBy !== undefined ||
    f.outcomes?.length === 1;
  if (hasEquality) return [f];
  if (f.visibleTaskIds && f.visibleTaskIds.length > 1 && f.visibleTaskIds.length <= MAX_SPLIT) {
    return f.visibleTaskIds.map((taskId) => ({ ...f, visibleTaskIds: undefined, taskId }));
  }
  if (f.outcomes && f.outcomes.length > 1) return f.outcomes.map((o) => ({ ...f, outcomes: [o] }));
  return [f];
}

/** Merges the pages of the parts into one page, newest first. */
export function mergeParts<T extends { id: number }>(rows: T[], limit: number, upward: boolean): T[] {
  rows.sort((a, b) => (upward ? a.id - b.id : b.id - a.id));
  const page = rows.slice(0, limit);
  return upward ? page.reverse() : page;
}
