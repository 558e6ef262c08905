// The engine's read side on its own, for a command that only reads the task list (`status`,
// the dashboard's preview): the same snapshot an engine's reader takes (reader.ts), over the
// store and the config, without the parts that run, schedule, alert or reload (compose.ts).
// Such a command loads none of their code: about a third of the bundle's engine, and
// node-cron (docs/ARCHITECTURE.md, Composition root).
import type { LoadedConfig } from '../config/load.js';
import type { Store } from '../db/store.js';
import type { InstanceRow } from '../db/types.js';
import { ActiveRuns } from './active-runs.js';
import type { EngineApi } from './api.js';
import { systemClock, type Clock } from './clock.js';
import { NameCache } from './names.js';
import { readSnapshot } from './reader.js';
import type { Identity, TaskView } from './types.js';

/** What the task list is read from. */
export type TaskListStore = Pick<Store, 'listTasks' | 'listServices' | 'listInstances' | 'getRuns' | 'clockSkewMs'>;

export interface TaskReaderOptions {
  store: TaskListStore;
  config: LoadedConfig;
  identity: Identity;
  /** This process's instance id (it runs nothing: no task is running on it). */
  instanceId: string;
  /** An instance about to register, counted as live (see SnapshotDeps.joining). */
  joining?: InstanceRow;
  clock?: Clock;
}

export type TaskReader = Pick<EngineApi, 'snapshot' | 'clockSkewMs'>;

/** What the engine's snapshot() and clockSkewMs() answer, for the same store, config and user. */
export function taskReader(options: TaskReaderOptions): TaskReader {
  const { store, config, identity, instanceId, joining } = options;
  const deps = {
    store,
    config: { current: config },
    clock: options.clock ?? systemClock,
    identity,
    instanceId,
    names: new NameCache(store),
    active: new ActiveRuns(),
    joining,
  };
  return {
    snapshot: () => readSnapshot(deps),
    clockSkewMs: () => store.clockSkewMs(),
  };
}

/** A database that does not exist yet, as it reads once an engine has created it: empty. */
const NEW_DATABASE: TaskListStore = {
  listTasks: () => Promise.resolve([]),
  listServices: () => Promise.resolve([]),
  listInstances: () => Promise.resolve([]),
  getRuns: () => Promise.resolve([]),
  clockSkewMs: () => Promise.resolve(0),
};

/** The task list of a database not created yet: the config's tasks, never run (no store is opened). */
export function firstTasksOfNewDatabase(options: Omit<TaskReaderOptions, 'store'>): Promise<TaskView[]> {
  return taskReader({ ...options, store: NEW_DATABASE }).snapshot();
}
