// The dashboard's default pace on a busy database (docs/ARCHITECTURE.md, The dashboard:
// state, keys and rendering): changes by other instances and this one's progress every 50 ms
// for ten seconds (ten engines' runs) make at most two task-list fetches and four frames a second, and the last change
// still shows within a second.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createFrameBatcher, realTimers } from '../../../src/ui/hooks/frame-batcher.js';
import { createRefreshScheduler } from '../../../src/ui/hooks/refresh-scheduler.js';
import { DEFAULT_FEED_TIMING } from '../../../src/ui/hooks/use-engine-feed.js';
import type { DashboardAction } from '../../../src/ui/state/dashboard-reducer.js';
import type { TaskView } from '../../../src/engine/types.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('a busy database: at most two fetches and four frames a second, the last change shown within a second', async () => {
  const frames: number[] = [];
  let shown = -1;
  const batch = createFrameBatcher(
    (action: DashboardAction) => {
      frames.push(Date.now());
      for (const a of action.type === 'batch' ? action.actions : [action])
        if (a.type === 'snapshot') shown = Number(a.tasks[0]!.id);
    },
    DEFAULT_FEED_TIMING.frameMs,
    realTimers,
  );
  let version = 0;
  let fetches = 0;
  const refresher = createRefreshScheduler(async () => {
    fetches++;
    const seen = version;
    await Promise.resolve();
    batch.push({ type: 'snapshot', tasks: [{ id: String(seen) } as TaskView] });
  }, DEFAULT_FEED_TIMING.refreshGapMs);
  const seconds = 10;
  for (let ms = 0; ms < seconds * 1_000; ms += 50) {
    version++;
    refresher.request();
    batch.push({ type: 'progress', taskId: 'own', runId: 1, done: ms, total: seconds * 1_000 });
    await vi.advanceTimersByTimeAsync(50);
  }
  const lastChangeAt = Date.now();
  await vi.advanceTimersByTimeAsync(2_000);
  expect(fetches).toBeLessThanOrEqual(2 * seconds + 1);
  expect(frames.length).toBeLessThanOrEqual(4 * seconds + 1);
  expect(shown).toBe(version);
  expect(frames.at(-1)! - lastChangeAt).toBeLessThan(1_000);
  refresher.dispose();
  batch.dispose();
});
