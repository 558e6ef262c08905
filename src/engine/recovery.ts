// What crashed instances leave behind: leases of dead local processes are freed at once,
// and `running` runs that no live lease owns become `interrupted`. Their tasks' schedules
// count the interruption (due again at once; the third in a row is a failure) in the same
// transaction (docs/ARCHITECTURE.md, Schedule and backoff).
import type { LoadedConfig } from '../config/load.js';
import type { Store } from '../db/store.js';
import type { OrphanAlert, RunRow } from '../db/types.js';
import { recoverDeadInstances, type InstanceRecord } from './instances.js';
import { scheduleAfter, scheduleInputOf } from './schedule.js';
import { taskById } from './config/task-index.js';

export const ORPHAN_MESSAGE = 'the instance running it stopped (its process ended or lost its lease)';

/** Returns the runs it marked interrupted; `alertOf` proposes the alert an interruption that counts as a failure may cause. */
export async function recoverCrashed(
  store: Store,
  config: LoadedConfig,
  self: InstanceRecord,
  now: number,
  alertOf?: OrphanAlert,
): Promise<RunRow[]> {
  await recoverDeadInstances(store, self, now);
  return store.interruptOrphanRuns(
    now,
    ORPHAN_MESSAGE,
    now + config.retention.unknown,
    (task, run) =>
      scheduleAfter(scheduleInputOf(task, taskById(config.tasks, task.id)), 'interrupted', run.startedAt, now),
    alertOf,
  );
}
