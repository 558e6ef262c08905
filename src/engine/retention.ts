// How long a run's details are kept (by outcome and error class, from the current config,
// counted from the end of the run), and the purge that removes them in small batches so
// the dashboard never stalls (docs/ARCHITECTURE.md, The engine: its parts and loops).
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
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
export function detailsKeptUntil(retention: RetentionConfig, run: { outcome: Outcome; errorClass: ErrorClass | null; finishedAt: number | null }): number | null {
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

/** A batch small enough that one transaction stays well under the 50 ms stall budget. */
export const PURGE_BATCH = 500;

export async function purge(store: Store, now: number, retention: RetentionConfig, historyDays: number, batch = PURGE_BATCH): Promise<PurgeReport> {
  const report: PurgeReport = { detailsPurged: 0, summariesDeleted: 0 };
  const cutoffs = detailsCutoffs(retention, now);
  for (;;) {
    const n = await store.purgeExpiredDetails(cutoffs, now, batch);
    report.detailsPurged += n;
    if (n < batch) break;
    await yieldToEventLoop();
  }
  const cutoff = now - historyDays * 86_400_000;
  for (;;) {
    const n = await store.deleteSummariesBefore(cutoff, batch);
    report.summariesDeleted += n;
    if (n < batch) break;
    await yieldToEventLoop();
  }
  // Alerts are kept as long as run summaries (docs/alerts.md).
  while ((await store.deleteAlertsBefore(cutoff, batch)) >= batch) await yieldToEventLoop();
  return report;
}
