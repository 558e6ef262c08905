// A config's task by id without walking the list: runNow and the scheduler look one up per
// run, and a clinic may have hundreds of tasks. Built once per config (configs are never mutated).
import type { TaskConfig } from '../../config/schema.js';

const indexes = new WeakMap<readonly TaskConfig[], Map<string, TaskConfig>>();

/** The task with this id, as `tasks.find((t) => t.id === id)` would give it. */
export function taskById(tasks: readonly TaskConfig[], id: string): TaskConfig | undefined {
  let index = indexes.get(tasks);
  if (!index) {
    index = new Map();
    for (const t of tasks) if (!index.has(t.id)) index.set(t.id, t);
    indexes.set(tasks, index);
  }
  return index.get(id);
}
