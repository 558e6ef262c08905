// Measures how long the event loop stays blocked: a 1 ms interval notes the longest gap
// between its callbacks, and perf_hooks' delay histogram confirms it.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { now } from './timing.js';

export interface StallReport {
  /** Longest gap between two 1 ms ticks, in ms (a gap of ~1 ms means no stall). */
  maxGapMs: number;
  /** perf_hooks' view: maximum and 99th percentile of the loop delay, in ms. */
  maxDelayMs: number;
  p99DelayMs: number;
  ticks: number;
  /** Gaps longer than the dashboard's 50 ms budget. */
  gapsOver50Ms: number;
  /** The longest gap of each consecutive `windowMs` (a last one under half as long is left out, unless alone). */
  windowMaxGapsMs: number[];
}

/** `windowMs`: also note the longest gap of each window this long (BENCHMARKS.md, Where it goes, Session 9). */
export function startStallMonitor(windowMs = Infinity): { stop(): StallReport } {
  let last = now();
  let maxGap = 0;
  let ticks = 0;
  let over = 0;
  let windowEnd = last + windowMs;
  let windowMax = 0;
  const windowMaxes: number[] = [];
  const timer = setInterval(() => {
    const t = now();
    if (t - last > 50) over++;
    maxGap = Math.max(maxGap, t - last);
    windowMax = Math.max(windowMax, t - last);
    if (t >= windowEnd) {
      windowMaxes.push(windowMax);
      windowMax = 0;
      windowEnd = t + windowMs;
    }
    last = t;
    ticks++;
  }, 1);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  return {
    stop() {
      clearInterval(timer);
      histogram.disable();
      maxGap = Math.max(maxGap, now() - last);
      windowMax = Math.max(windowMax, now() - last);
      if (windowMaxes.length === 0 || windowEnd - now() <= windowMs / 2) windowMaxes.push(windowMax);
      return {
        maxGapMs: maxGap,
        maxDelayMs: histogram.max / 1e6,
        p99DelayMs: histogram.percentile(99) / 1e6,
        ticks,
        gapsOver50Ms: over,
        windowMaxGapsMs: windowMaxes,
      };
    },
  };
}
