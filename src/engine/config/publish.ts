// Writes this instance's definitions as the fleet's, when its claim wins (its config file
// was changed after the fleet's version was written), in one store transaction.
import type { LoadedConfig } from '../../config/load.js';
import type { Store } from '../../db/store.js';
import type { DefinitionsSync } from '../../db/types.js';
import { definitionsOf } from '../definitions.js';
import { nextCronTime } from '../schedule.js';
import type { ConfigFingerprint } from './fingerprint.js';
import { taskById } from './task-index.js';

export interface PublishInput {
  config: LoadedConfig;
  fingerprint: ConfigFingerprint;
  /** user@host of this instance. */
  writtenBy: string;
  /** When the config file was last modified; null for a config without a file (the demo), which always wins. */
  fileModifiedAt: number | null;
  now: number;
}

/**
 * When a task whose schedule changes runs next: its last end plus the new interval, or the
 * new cron time after it, so an edit does not make tasks due at once. A task that never
 * ended stays due. The store asks only for the tasks whose schedule it rewrites.
 */
function nextRunAfterScheduleChange(
  config: LoadedConfig,
  taskId: string,
  lastFinishedAt: number | null,
): number | null {
  const t = taskById(config.tasks, taskId);
  if (lastFinishedAt === null || t === undefined) return null;
  if (t.interval !== undefined) return lastFinishedAt + t.interval;
  if (t.schedule !== undefined) return nextCronTime(t.schedule, lastFinishedAt);
  return null;
}

export async function publishDefinitions(store: Store, input: PublishInput): Promise<DefinitionsSync> {
  const { config, fingerprint } = input;
  const defs = definitionsOf(config);
  const tasks = defs.tasks.map((t) => ({ ...t, defHash: fingerprint.tasks.get(t.id) ?? null }));
  return store.syncDefinitions(defs.services, tasks, input.now, {
    version: fingerprint.version,
    writtenBy: input.writtenBy,
    fileModifiedAt: input.fileModifiedAt,
    nextRunAt: (taskId, lastFinishedAt) => nextRunAfterScheduleChange(config, taskId, lastFinishedAt),
  });
}
