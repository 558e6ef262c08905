// Coalesces what the engine tells the dashboard into at most one state change per frame
// (docs/ARCHITECTURE.md, The dashboard: state, keys and rendering). A hundred progress
// events in a second become at most ~10 renders; a run's progress events within one frame
// collapse into the last. The first action after a quiet frame goes at the end of the
// event loop's turn (a timer of 0 ms), with whatever else came in that turn, so a lone
// event is shown without delay.
import type { DashboardAction } from '../state/dashboard-reducer.js';

export interface FrameTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export const realTimers: FrameTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export interface FrameBatcher {
  push(action: DashboardAction): void;
  dispose(): void;
}

/** Actions that replace an earlier one of the same key within a frame (the later says it all). */
function supersedeKey(action: DashboardAction): string | null {
  switch (action.type) {
    case 'progress':
      return `progress:${action.runId}`;
    case 'storage':
      return 'storage';
    case 'snapshot':
      return 'snapshot';
    default:
      return null;
  }
}

export function createFrameBatcher(
  dispatch: (action: DashboardAction) => void,
  frameMs: number,
  timers: FrameTimers = realTimers,
): FrameBatcher {
  let pending: DashboardAction[] = [];
  let timer: unknown = null;
  let lastFlush = -Infinity;
  let disposed = false;

  const flush = () => {
    timer = null;
    if (disposed || pending.length === 0) return;
    const actions = pending;
    pending = [];
    lastFlush = timers.now();
    dispatch(actions.length === 1 ? actions[0]! : { type: 'batch', actions });
  };

  return {
    push(action) {
      if (disposed) return;
      const key = supersedeKey(action);
      if (key !== null) pending = pending.filter((a) => supersedeKey(a) !== key);
      pending.push(action);
      if (timer !== null) return;
      const wait = lastFlush + frameMs - timers.now();
      if (wait <= 0 && frameMs === 0) flush();
      // After a quiet frame, still not at once: what the engine said in the same breath (a
      // run's progress and its log line come as two messages, handled in one turn of the
      // event loop) makes one change, and one frame, instead of a frame now and one later.
      else timer = timers.setTimeout(flush, Math.max(0, wait));
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      pending = [];
    },
  };
}
