// What a lease renewal's answer means for the runs of this instance.
import type { LeaseRenewal } from '../db/types.js';
import type { ActiveRun } from './run/active-run.js';

/** Aborts the runs whose lease is gone (or was taken with a newer epoch) and those someone asked to stop. */
export function applyRenewal(runs: readonly ActiveRun[], held: LeaseRenewal['held']): void {
  for (const run of runs) {
    const lease = held.find((h) => h.taskId === run.taskId);
    if (!lease || lease.epoch !== run.epoch) run.abort({ kind: 'lease-lost' });
    else if (lease.stopRequestedBy) run.abort({ kind: 'stop', by: lease.stopRequestedBy });
  }
}
