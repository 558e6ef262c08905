// How long a run's details are kept (by outcome and error class, from the current config,
// counted from the end of the run), and the purge that removes them in time-boxed batches
// so the dashboard never stalls, even on a busy machine (docs/ARCHITECTURE.md, The engine: its parts and loops).
import { setTimeout as sleep } from 'node:timers/promises';
import type { RetentionConfig } from '../config/schema.js';
import { ERROR_CLASSES, type DetailsCutoff, type ErrorClass, type Outcome } from '../db/types.js';
import type { Store } from '../db/store.js';

export function retentionFor(retention: RetentionConfig, outcome: Outcome, errorClass: ErrorClass | null): number {
  switch (outcome) {
    case 'success':
      return retention.success;
    case 'warning':
      return retention.warning;
    case 'cancelled':
      return retention.cancelled;
    case 'interrupted':
      return retention.unknown;
    case 'error':
      return retention[errorClass ?? 'unknown'];
    case 'running':
      return retention.unknown;
  }
}

/** When a finished run's details go, by the periods in force now; null while it runs. */
export function detailsKeptUntil(
  retention: RetentionConfig,
  run: { outcome: Outcome; errorClass: ErrorClass | null; finishedAt: number | null },
): number | null {
  return run.finishedAt === null ? null : run.finishedAt + retentionFor(retention, run.outcome, run.errorClass);
}

/** One cutoff per class of finished run: its details go when it ended more than its period ago. */
export function detailsCutoffs(retention: RetentionConfig, now: number): DetailsCutoff[] {
  const classes: { outcome: Outcome; errorClass: ErrorClass | null }[] = [
    { outcome: 'success', errorClass: null },
    { outcome: 'warning', errorClass: null },
    { outcome: 'cancelled', errorClass: null },
    { outcome: 'interrupted', errorClass: null },
    // An error without a class is kept as an unknown one.
    { outcome: 'error', errorClass: null },
    ...ERROR_CLASSES.map((errorClass) => ({ outcome: 'error' as const, errorClass })),
  ];
  return classes.map((c) => ({ ...c, finishedBefore: now - retentionFor(retention, c.outcome, c.errorClass) }));
}

export interface PurgeReport {
  detailsPurged: number;
  summariesDeleted: number;
}

/**
 * How the purge shares the process (and the machine): each batch is sized to take about
 * `sliceMs` (a few ms: the dashboard's event loop never waits long), and after each the
 * purge rests `restRatio` times as long as the batch took, so a busy machine sees a process
 * that sleeps half the time, not a CPU hog the kernel makes wait. A batch that took long
 * (the process was descheduled, the disk was slow) makes the next one smaller.
 */
export interface PurgePacing {
  sliceMs: number;
  restRatio: number;
  firstBatch: number;
  maxBatch: number;
  /** A monotonic clock for timing the batches (ms). */
  elapsed(): number;
  rest(ms: number): Promise<void>;
}

export const DEFAULT_PURGE_PACING: PurgePacing = {
  sliceMs: 4,
  restRatio: 1,
  firstBatch: 50,
  maxBatch: 2_000,
  elapsed: () => performance.now(),
  // A timer (not setImmediate): the rest must let the event loop's timers and I/O run.
  rest: (ms) => sleep(Math.max(1, Math.round(ms))),
};

/** The next batch size: aimed at the slice, growing at most twofold, never below one row. */
export function nextBatch(batch: number, tookMs: number, pacing: Pick<PurgePacing, 'sliceMs' | 'maxBatch'>): number {
  const aimed = Math.floor((batch * pacing.sliceMs) / Math.max(tookMs, 0.05));
  return Math.max(1, Math.min(pacing.maxBatch, batch * 2, aimed));
}

/** Calls `step(batch)` until it returns fewer than asked, paced as above; the total it returned. */
async function paced(step: (batch: number) => Promise<number>, pacing: PurgePacing): Promise<number> {
  let total = 0;
  let batch = pacing.firstBatch;
  for (;;) {
    const started = pacing.elapsed();
    const n = await step(batch);
    const took = pacing.elapsed() - started;
    total += n;
    if (n < batch) return total;
    await pacing.rest(took * pacing.restRatio);
    batch = nextBatch(batch, took, pacing);
  }
}

export async function purge(
  store: Store,
  now: number,
  retention: RetentionConfig,
  historyDays: number,
  pacing: Partial<PurgePacing> = {},
): Promise<PurgeReport> {
  const p = { ...DEFAULT_PURGE_PACING, ...pacing };
  // Batches the store times by their own CPU are sized by it: a batch that waited for a CPU
  // (a busy machine; the purge worker runs below the dashboard's priority) is not made smaller
  // for it, which would only mean more batches, more messages and more rests.
  const cpu = pacing.elapsed === undefined ? store.purgeCpuMs?.() : null;
  const byCpu = cpu === null || cpu === undefined ? p : { ...p, elapsed: () => store.purgeCpuMs?.() ?? 0 };
  const cutoffs = detailsCutoffs(retention, now);
  const detailsPurged = await paced((batch) => store.purgeExpiredDetails(cutoffs, now, batch), byCpu);
  const cutoff = now - historyDays * 86_400_000;
  const summariesDeleted = await paced((batch) => store.deleteSummariesBefore(cutoff, batch), byCpu);
  // Alerts are kept as long as run summaries (docs/alerts.md).
  await paced((batch) => store.deleteAlertsBefore(cutoff, batch), p);
  return { detailsPurged, summariesDeleted };
}
