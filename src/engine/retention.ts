// How long a run's details are kept (DESIGN.md §2 table), and the purge that removes
// them in small batches so the dashboard never stalls.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RetentionConfig } from '../config/schema.js';
import type { ErrorClass, Outcome } from '../db/types.js';
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

export interface PurgeReport {
  detailsPurged: number;
  summariesDeleted: number;
}

/** A batch small enough that one transaction stays well under the 50 ms stall budget. */
export const PURGE_BATCH = 500;

export async function purge(store: Store, now: number, historyDays: number, batch = PURGE_BATCH): Promise<PurgeReport> {
  const report: PurgeReport = { detailsPurged: 0, summariesDeleted: 0 };
  for (;;) {
    const n = await store.purgeExpiredDetails(now, batch);
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
