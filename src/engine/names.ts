// Display names of tasks, services and instances, refreshed from the store when a view needs them.
import type { Store } from '../db/store.js';
import type { RunRow, TaskRow } from '../db/types.js';
import type { Names } from './views.js';

export class NameCache {
  names: Names = { tasks: new Map(), services: new Map(), instances: new Map() };

  constructor(private readonly store: Pick<Store, 'listTasks' | 'listServices' | 'listInstances'>) {}

  /** `tasks`: the task rows when the caller reads them itself (a snapshot), so they are read once. */
  async refresh(tasks: Promise<TaskRow[]> = this.store.listTasks()): Promise<Names> {
    const [taskRows, services, instances] = await Promise.all([
      tasks,
      this.store.listServices(),
      this.store.listInstances(),
    ]);
    this.names = {
      tasks: new Map(taskRows.map((t) => [t.id, t])),
      services: new Map(services.map((s) => [s.id, s])),
      instances: new Map(instances.map((i) => [i.id, i])),
    };
    return this.names;
  }

  /** Refreshes only when a run names a task or instance not seen yet. */
  async covering(runs: readonly RunRow[]): Promise<Names> {
    if (runs.some((r) => !this.names.tasks.has(r.taskId) || !this.names.instances.has(r.instanceId)))
      await this.refresh();
    return this.names;
  }
}
