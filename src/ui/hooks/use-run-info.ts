// Loads the details (progress log, exchanges) of the run the information popup shows, and
// keeps them current while that run goes on: new log lines are appended, its end re-fetched.
import { useEffect, useState, type Dispatch } from 'react';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import type { RunInfo } from '../state/history-state.js';
import { useUi } from '../ui-context.js';

export function useRunInfo(info: RunInfo | null, dispatch: Dispatch<DashboardAction>): void {
  const { engine } = useUi();
  const runId = info?.run.id ?? null;
  const purged = info?.run.detailsPurged ?? false;
  const [finishes, setFinishes] = useState(0);

  useEffect(() => {
    // Removed details are gone for good: the summary is all there is.
    if (runId === null || purged) return;
    let alive = true;
    engine.runDetails(runId).then(
      (details) => alive && dispatch({ type: 'history-info-details', runId, details }),
      (error: unknown) =>
        alive &&
        dispatch({
          type: 'history-info-failed',
          runId,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      alive = false;
    };
  }, [engine, runId, purged, finishes, dispatch]);

  useEffect(() => {
    if (runId === null) return;
    return engine.subscribe((event) => {
      if (event.type === 'run-log' && event.runId === runId)
        dispatch({ type: 'history-info-log', runId, line: event.line });
      if (event.type === 'run-finished' && event.run.id === runId) setFinishes((n) => n + 1);
    });
  }, [engine, runId, dispatch]);
}
