// Feeds the Instances screen: the live instances read when it opens, again every couple of
// seconds (an instance whose heartbeat lapsed leaves within the lease TTL, and heartbeats
// change no task, so no event says so), and soon after runs start or end.
import { useEffect, type Dispatch } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { createRefreshScheduler } from './refresh-scheduler.js';

/** How often the open Instances screen reads the instances again. */
export const INSTANCES_REFRESH_MS = 2_000;

export function useInstancesFeed(
  engine: EngineApi,
  dispatch: Dispatch<DashboardAction>,
  periodMs = INSTANCES_REFRESH_MS,
): void {
  useEffect(() => {
    let alive = true;
    const load = async () => {
      try {
        const instances = await engine.instances();
        if (alive) dispatch({ type: 'instances-loaded', instances });
      } catch (error) {
        if (alive)
          dispatch({ type: 'instances-failed', message: error instanceof Error ? error.message : String(error) });
      }
    };
    const refresher = createRefreshScheduler(load, 250);
    refresher.request();
    const unsubscribe = engine.subscribe((event) => {
      if (event.type === 'run-started' || event.type === 'run-finished' || event.type === 'tasks-changed')
        refresher.request();
    });
    const timer = setInterval(() => refresher.request(), periodMs);
    return () => {
      alive = false;
      unsubscribe();
      refresher.dispose();
      clearInterval(timer);
    };
  }, [engine, dispatch, periodMs]);
}
