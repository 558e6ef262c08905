// Fetches the logs of the runs on the rows above and below the cursor once it rests, so
// that the next j or k shows the task's log in the frame of the move (state/run-log-cache.ts).
import { useEffect, useRef, type Dispatch } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import type { TaskListView } from '../state/list-lines.js';
import { logsToPrefetch, type CachedLog, type RunLogCache } from '../state/run-log-cache.js';

export function usePrefetchedLogs(
  engine: EngineApi,
  view: TaskListView,
  cache: RunLogCache,
  dispatch: Dispatch<DashboardAction>,
  delayMs = 80,
): void {
  // A string, so that the effect runs again only when the runs to fetch change.
  const wanted = logsToPrefetch(view, cache).join(',');
  const latest = useRef({ view, cache });
  latest.current = { view, cache };
  useEffect(() => {
    if (wanted === '') return;
    // After the same pause as the shown run's fetch: holding j down fetches nothing.
    const timer = setTimeout(() => {
      const ids = logsToPrefetch(latest.current.view, latest.current.cache);
      if (ids.length === 0) return;
      void Promise.all(
        ids.map((runId) =>
          engine.runDetails(runId).then(
            (details): CachedLog | null => ({ runId, log: details.log }),
            () => null,
          ),
        ),
      ).then((found) => {
        // Kept even when the cursor moved meanwhile: a finished run's log stays true.
        const logs = found.filter((l): l is CachedLog => l !== null);
        if (logs.length > 0) dispatch({ type: 'run-logs', logs });
      });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [engine, wanted, delayMs, dispatch]);
}
