// Feeds the dashboard state from the engine: a snapshot at start, a re-fetch (debounced)
// after events that change tasks, progress and log lines applied in place, and a slow
// safety re-fetch in case an event was missed. The alert channels' trouble (the header,
// docs/alerts.md) the same way, at most every few seconds. One subscription for all.
import { useEffect, type Dispatch } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { createRefreshScheduler } from './refresh-scheduler.js';

export interface FeedTiming {
  /** Minimum time between two snapshot fetches. */
  refreshGapMs: number;
  /** A full re-fetch this often even without events. */
  safetyRefreshMs: number;
  /** Minimum time between two looks at the alert channels' trouble (the header); 5 s by default. */
  alertGapMs?: number;
}

export const DEFAULT_FEED_TIMING: FeedTiming = { refreshGapMs: 250, safetyRefreshMs: 30_000 };
const ALERT_GAP_MS = 5_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useEngineFeed(engine: EngineApi, dispatch: Dispatch<DashboardAction>, timing: FeedTiming = DEFAULT_FEED_TIMING): void {
  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const tasks = await engine.snapshot();
        if (alive) dispatch({ type: 'snapshot', tasks });
      } catch (error) {
        if (alive) dispatch({ type: 'snapshot-failed', message: messageOf(error) });
      }
    };
    const refresher = createRefreshScheduler(load, timing.refreshGapMs);
    refresher.request();
    // A failed look keeps what the header showed (a failing store says so through storage-error).
    const alertRefresher = createRefreshScheduler(async () => {
      const trouble = await engine.alertTrouble();
      if (alive) dispatch({ type: 'alert-trouble', trouble });
    }, timing.alertGapMs ?? ALERT_GAP_MS);
    alertRefresher.request();
    const unsubscribe = engine.subscribe((event) => {
      switch (event.type) {
        case 'run-progress':
          dispatch({ type: 'progress', taskId: event.taskId, runId: event.runId, done: event.done, total: event.total });
          return;
        case 'run-log':
          dispatch({ type: 'log-line', runId: event.runId, line: event.line });
          return;
        case 'storage-error':
          dispatch({ type: 'storage', error: event.message });
          return;
        case 'storage-recovered':
          dispatch({ type: 'storage', error: null });
          refresher.request();
          return;
        case 'alert-delivery':
          alertRefresher.request();
          return;
        case 'tasks-changed':
          refresher.request();
          alertRefresher.request();
          return;
        case 'run-started':
        case 'run-finished':
          refresher.request();
          return;
      }
    });
    const safety = setInterval(() => {
      refresher.request();
      alertRefresher.request();
    }, timing.safetyRefreshMs);
    return () => {
      alive = false;
      unsubscribe();
      refresher.dispose();
      alertRefresher.dispose();
      clearInterval(safety);
    };
  }, [engine, dispatch, timing.refreshGapMs, timing.safetyRefreshMs, timing.alertGapMs]);
}
