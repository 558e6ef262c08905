// Feeds the dashboard state from the engine: a snapshot at start, a re-fetch (debounced)
// after events that change tasks, progress and log lines applied in place, and a slow
// safety re-fetch in case an event was missed. Everything the engine says within one
// frame reaches the state as one change (frame-batcher.ts), so a burst of events costs
// one render, not one per event.
import { useEffect, type Dispatch } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { createFrameBatcher, realTimers, type FrameTimers } from './frame-batcher.js';
import { createRefreshScheduler } from './refresh-scheduler.js';

export interface FeedTiming {
  /** Minimum time between two snapshot fetches. */
  refreshGapMs: number;
  /** A full re-fetch this often even without events. */
  safetyRefreshMs: number;
  /** At most one state change from the engine per this many ms (100: ten frames a second). */
  frameMs: number;
  /** Timers for the frame batching (tests pass a fake clock). */
  timers?: FrameTimers;
}

export const DEFAULT_FEED_TIMING: FeedTiming = { refreshGapMs: 250, safetyRefreshMs: 30_000, frameMs: 100 };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useEngineFeed(engine: EngineApi, dispatch: Dispatch<DashboardAction>, timing: FeedTiming = DEFAULT_FEED_TIMING): void {
  const { refreshGapMs, safetyRefreshMs, frameMs, timers = realTimers } = timing;
  useEffect(() => {
    let alive = true;
    const batch = createFrameBatcher(dispatch, frameMs, timers);
    const load = async () => {
      try {
        const tasks = await engine.snapshot();
        if (alive) batch.push({ type: 'snapshot', tasks });
      } catch (error) {
        if (alive) batch.push({ type: 'snapshot-failed', message: messageOf(error) });
      }
    };
    const refresher = createRefreshScheduler(load, refreshGapMs);
    refresher.request();
    const unsubscribe = engine.subscribe((event) => {
      switch (event.type) {
        case 'run-progress':
          batch.push({ type: 'progress', taskId: event.taskId, runId: event.runId, done: event.done, total: event.total });
          return;
        case 'run-log':
          batch.push({ type: 'log-line', runId: event.runId, line: event.line });
          return;
        case 'storage-error':
          batch.push({ type: 'storage', error: event.message });
          return;
        case 'storage-recovered':
          batch.push({ type: 'storage', error: null });
          refresher.request();
          return;
        case 'tasks-changed':
        case 'run-started':
        case 'run-finished':
          refresher.request();
          return;
      }
    });
    const safety = setInterval(() => refresher.request(), safetyRefreshMs);
    return () => {
      alive = false;
      unsubscribe();
      refresher.dispose();
      batch.dispose();
      clearInterval(safety);
    };
  }, [engine, dispatch, refreshGapMs, safetyRefreshMs, frameMs, timers]);
}
