// The engine's read side on its own, for a command that only reads the task list (`status`):
// the same reader an engine has (reader.ts), over the store and the config, without the parts
// that run, schedule, alert or reload (compose.ts). Such a command loads none of their code:
// about a third of the bundle's engine, and node-cron (docs/ARCHITECTURE.md, Composition root).
import type { LoadedConfig } from '../config/load.js';
import type { Store } from '../db/store.js';
import { ActiveRuns } from './active-runs.js';
import type { EngineApi } from './api.js';
import { systemClock, type Clock } from './clock.js';
import { NameCache } from './names.js';
import { EngineReader } from './reader.js';
import type { Identity } from './types.js';

export interface TaskReaderOptions {
  store: Store;
  config: LoadedConfig;
  identity: Identity;
  /** This process's instance id (it runs nothing: no task is running on it). */
  instanceId: string;
  clock?: Clock;
}

export type TaskReader = Pick<EngineApi, 'snapshot' | 'clockSkewMs'>;

/** What the engine's snapshot() and clockSkewMs() answer, for the same store, config and user. */
export function taskReader(options: TaskReaderOptions): TaskReader {
  const { store, config, identity, instanceId } = options;
  const reader = new EngineReader({
    store,
    config: { current: config },
    clock: options.clock ?? systemClock,
    identity,
    instanceId,
    names: new NameCache(store),
    active: new ActiveRuns(),
  });
  return {
    snapshot: () => reader.snapshot(),
    clockSkewMs: () => store.clockSkewMs(),
  };
}
