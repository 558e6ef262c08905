// Feeds the dashboard state from the engine: a snapshot at start, a re-fetch (debounced)
// after events that change tasks, progress and log lines applied in place, and a slow
// safety re-fetch in case an event was missed. The alert channels' trouble (the header,
// docs/alerts.md) the same way, at most every few seconds. One subscription for all.
// Everything the engine says within one frame reaches the state as one change
// (frame-batcher.ts), so a burst of events costs one render, not one per event.
import { useEffect, useRef, type Dispatch } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import type { ConfigEvent } from './use-config-status.js';
import { createFrameBatcher, realTimers, type FrameTimers } from './frame-batcher.js';
import { createRefreshScheduler } from './refresh-scheduler.js';

export interface FeedTiming {
  /** Minimum time between two snapshot fetches. */
  refreshGapMs: number;
  /** A full re-fetch this often even without events. */
  safetyRefreshMs: number;
  /** Minimum time between two looks at the alert channels' trouble (the header); 5 s by default. */
  alertGapMs?: number;
  /** At most one state change from the engine per this many ms; 250 (four frames a second) by default. */
  frameMs?: number;
  /** Timers for the frame batching (tests pass a fake clock). */
  timers?: FrameTimers;
}

// A busy database (ten engines beside this one) changes something several times a second:
// each look at the tasks costs the engine a query and the screen a frame, so the screen
// looks at most twice a second and draws what the engine says at most four times a second.
// A change still shows within about half a second; keys do not wait (they are not events).
export const DEFAULT_FEED_TIMING = { refreshGapMs: 500, safetyRefreshMs: 30_000, frameMs: 250 } as const;
const ALERT_GAP_MS = 5_000;
const FRAME_MS = DEFAULT_FEED_TIMING.frameMs;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useEngineFeed(
  engine: EngineApi,
  dispatch: Dispatch<DashboardAction>,
  timing: FeedTiming = DEFAULT_FEED_TIMING,
  onConfigEvent: (event: ConfigEvent) => void = () => undefined,
  /** The state holds this engine's first snapshot already: the first subscription to it does not fetch it again. */
  haveFirst = false,
  /**
   * Called right after each state change from the engine, in the same task: the screen's
   * clock ticks there (Clock.tickNow), so the news and the countdowns make one frame, not two.
   */
  afterChange?: () => void,
): void {
  const { refreshGapMs, safetyRefreshMs, alertGapMs = ALERT_GAP_MS, frameMs = FRAME_MS, timers = realTimers } = timing;
  // The latest handler, without subscribing again when it changes (a re-subscription re-fetches).
  const configHandler = useRef(onConfigEvent);
  configHandler.current = onConfigEvent;
  // The engine subscribed to last: a new one that came with its first snapshot is not asked for it again.
  const subscribedTo = useRef<EngineApi | null>(null);
  const firstGiven = useRef(haveFirst);
  firstGiven.current = haveFirst;
  const after = useRef(afterChange);
  after.current = afterChange;
  useEffect(() => {
    let alive = true;
    const batch = createFrameBatcher(
      (action) => {
        dispatch(action);
        after.current?.();
      },
      frameMs,
      timers,
    );
    const load = async () => {
      try {
        const tasks = await engine.snapshot();
        if (alive) batch.push({ type: 'snapshot', tasks });
      } catch (error) {
        if (alive) batch.push({ type: 'snapshot-failed', message: messageOf(error) });
      }
    };
    const refresher = createRefreshScheduler(load, refreshGapMs);
    // A later subscription (new timing, a new engine without its first snapshot) fetches:
    // something may have changed meanwhile.
    if (!firstGiven.current || subscribedTo.current === engine) refresher.request();
    subscribedTo.current = engine;
    // A failed look keeps what the header showed (a failing store says so through storage-error).
    const alertRefresher = createRefreshScheduler(async () => {
      const trouble = await engine.alertTrouble();
      if (alive) batch.push({ type: 'alert-trouble', trouble });
    }, alertGapMs);
    alertRefresher.request();
    const unsubscribe = engine.subscribe((event) => {
      switch (event.type) {
        case 'run-progress':
          batch.push({
            type: 'progress',
            taskId: event.taskId,
            runId: event.runId,
            done: event.done,
            total: event.total,
          });
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
        case 'config-reloaded':
        case 'config-error':
        case 'config-differs':
        case 'config-restart-needed':
          configHandler.current(event);
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
    }, safetyRefreshMs);
    return () => {
      alive = false;
      unsubscribe();
      refresher.dispose();
      alertRefresher.dispose();
      batch.dispose();
      clearInterval(safety);
    };
  }, [engine, dispatch, refreshGapMs, safetyRefreshMs, alertGapMs, frameMs, timers]);
}
