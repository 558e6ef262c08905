// What crashed instances leave behind: leases of dead local processes are freed at once,
// `running` runs that no live lease owns become `interrupted`, and their tasks back off
// as after any failed run.
import type { LoadedConfig } from '../config/load.js';
import type { Store } from '../db/store.js';
import type { RunRow } from '../db/types.js';
import { recoverDeadInstances, type InstanceRecord } from './instances.js';
import { scheduleAfter, scheduleInputOf } from './schedule.js';

export const ORPHAN_MESSAGE = 'the instance running it stopped (its process ended or lost its lease)';

/** Returns the runs it marked interrupted. */
export async function recoverCrashed(store: Store, config: LoadedConfig, self: InstanceRecord, now: number): Promise<RunRow[]> {
  await recoverDeadInstances(store, self, now);
  const orphans = await store.interruptOrphanRuns(now, ORPHAN_MESSAGE, now + config.retention.unknown);
  for (const run of orphans) {
    const row = await store.getTask(run.taskId);
    if (!row || row.lastRunId !== run.id) continue;
    const task = config.tasks.find((t) => t.id === row.id);
    await store.setSchedule(row.id, scheduleAfter(scheduleInputOf(row, task), 'interrupted', run.startedAt, now));
  }
  return orphans;
}
