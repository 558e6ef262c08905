// Progress logs of finished runs near the cursor (pure). A cursor move then draws the next
// task's log in the same frame as the move, with no "Loading the log…" frame between and
// only the cells that differ sent (docs/ARCHITECTURE.md, The dashboard). A finished run's
// log no longer changes; a running run's log is never kept here.
import type { LogLine, RunSummary } from '../../engine/types.js';
import type { TaskListView } from './list-lines.js';

export interface CachedLog {
  runId: number;
  log: readonly LogLine[];
}

/** Oldest first. */
export type RunLogCache = readonly CachedLog[];

/** The shown run, the rows on either side and a few left behind. */
export const RUN_LOG_CACHE_SIZE = 8;

/** A run whose log is final: finished, and not yet removed by the retention purge. */
export const hasFinalLog = (run: Pick<RunSummary, 'outcome' | 'detailsPurged'>): boolean =>
  run.outcome !== 'running' && !run.detailsPurged;

export function cachedLog(cache: RunLogCache, runId: number): readonly LogLine[] | null {
  return cache.find((c) => c.runId === runId)?.log ?? null;
}

/** The cache with `logs` added (replacing older copies of the same runs), the oldest dropped beyond the size. */
export function rememberLogs(cache: RunLogCache, logs: readonly CachedLog[]): RunLogCache {
  if (logs.length === 0) return cache;
  const ids = new Set(logs.map((l) => l.runId));
  const next = [...cache.filter((c) => !ids.has(c.runId)), ...logs];
  return next.length > RUN_LOG_CACHE_SIZE ? next.slice(next.length - RUN_LOG_CACHE_SIZE) : next;
}

/** The runs of the rows above and below the cursor whose final logs are not in the cache yet. */
export function logsToPrefetch(view: TaskListView, cache: RunLogCache): number[] {
  const ids: number[] = [];
  for (const task of [view.order[view.selectedIndex - 1], view.order[view.selectedIndex + 1]]) {
    const run = task?.lastRun;
    if (run && hasFinalLog(run) && cachedLog(cache, run.id) === null) ids.push(run.id);
  }
  return ids;
}
