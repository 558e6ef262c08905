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
}

export function startStallMonitor(): { stop(): StallReport } {
  let last = now();
  let maxGap = 0;
  let ticks = 0;
  let over = 0;
  const timer = setInterval(() => {
    const t = now();
    if (t - last > 50) over++;
    maxGap = Math.max(maxGap, t - last);
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
      return {
        maxGapMs: maxGap,
        maxDelayMs: histogram.max / 1e6,
        p99DelayMs: histogram.percentile(99) / 1e6,
        ticks,
        gapsOver50Ms: over,
      };
    },
  };
}
