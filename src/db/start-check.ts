// Whether a run of a task may start now, judged from its row: used under the write lock
// to decide, and before it, without any lock, to refuse at once what the lock would refuse
// anyway (a task held by another instance, or not due). At start-up every instance tries
// the same due tasks; only the few that look free are worth queueing for the lock.
import type { StartRunInput, StartRunResult } from './types.js';

export interface StartCheckRow {
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  leaseRunId: number | null;
  paused: boolean;
  enabled: boolean;
  inConfig: boolean;
  nextRunAt: number | null;
}

/** The refusal, or null when the run may start. */
export function startRefusal(
  task: StartCheckRow | undefined,
  input: Pick<StartRunInput, 'now' | 'onlyIfDue'>,
): Extract<StartRunResult, { started: false }> | null {
  if (!task) return { started: false, reason: 'unknown-task' };
  if (task.leaseOwner !== null && (task.leaseExpiresAt ?? 0) >= input.now) {
    return { started: false, reason: 'held', heldBy: task.leaseOwner, runId: task.leaseRunId };
  }
  if (input.onlyIfDue && (task.paused || !task.enabled || !task.inConfig || (task.nextRunAt ?? 0) > input.now)) {
    return { started: false, reason: 'not-due' };
  }
  return null;
}

/** Whether the lease is free or expired: the acquisition's condition, judged from the row read under the lock. */
export function leaseFree(task: Pick<StartCheckRow, 'leaseOwner' | 'leaseExpiresAt'>, now: number): boolean {
  return task.leaseOwner === null || (task.leaseExpiresAt !== null && task.leaseExpiresAt < now);
}
