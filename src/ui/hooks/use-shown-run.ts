// Keeps the details pane's run in step with the selection: when the shown run changes (or
// its outcome does), its details (progress log) are fetched after a short pause, so
// holding j down does not fire a fetch per row. A finished run whose log is already in
// hand (fetched ahead, state/run-log-cache.ts) is not fetched again.
import { useEffect, type Dispatch } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { RunSummary } from '../../engine/types.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';

export function useShownRun(
  engine: EngineApi,
  run: RunSummary | null,
  /** The shown run's final log is in the state already. */
  logFinal: boolean,
  dispatch: Dispatch<DashboardAction>,
  delayMs = 80,
): void {
  const runId = run?.id ?? null;
  const outcome = run?.outcome ?? null;
  const purged = run?.detailsPurged ?? false;
  useEffect(() => {
    dispatch({ type: 'show-run', runId });
  }, [runId, dispatch]);
  useEffect(() => {
    if (runId === null || purged || logFinal) return;
    let alive = true;
    const timer = setTimeout(() => {
      engine.runDetails(runId).then(
        (details) => alive && dispatch({ type: 'run-details', runId, details }),
        (error: unknown) =>
          alive &&
          dispatch({
            type: 'run-details-failed',
            runId,
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    }, delayMs);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [engine, runId, outcome, purged, logFinal, delayMs, dispatch]);
}
