// Alert channels whose delivery fails (docs/alerts.md), for the header: asked of the engine
// at start, after a delivery attempt or a change seen in the store (at most every few
// seconds), and on a slow safety timer.
import { useEffect, useState } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { AlertTrouble } from '../../engine/types.js';
import { createRefreshScheduler } from './refresh-scheduler.js';

const MIN_GAP_MS = 5_000;
const SAFETY_MS = 60_000;

export function useAlertTrouble(engine: EngineApi, minGapMs = MIN_GAP_MS): AlertTrouble[] {
  const [trouble, setTrouble] = useState<AlertTrouble[]>([]);
  useEffect(() => {
    let alive = true;
    const refresher = createRefreshScheduler(async () => {
      const found = await engine.alertTrouble();
      // A new array only when something changed: no re-render, no output, when nothing did.
      if (alive) setTrouble((shown) => (JSON.stringify(shown) === JSON.stringify(found) ? shown : found));
    }, minGapMs);
    refresher.request();
    const unsubscribe = engine.subscribe((event) => {
      if (event.type === 'alert-delivery' || event.type === 'tasks-changed') refresher.request();
    });
    const safety = setInterval(() => refresher.request(), SAFETY_MS);
    safety.unref?.();
    return () => {
      alive = false;
      unsubscribe();
      refresher.dispose();
      clearInterval(safety);
    };
  }, [engine, minGapMs]);
  return trouble;
}
