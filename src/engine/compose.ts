// The engine's composition: builds its parts and wires them to one another (who wakes the
// scheduler, who asks for recovery, what a config change or another instance's commit
// sets off). The facade (engine.ts) only starts, stops and asks them
// (docs/ARCHITECTURE.md, The engine: its parts and loops).
import type { LoadedConfig } from '../config/load.js';
import type { TaskConfig } from '../config/schema.js';
import type { Store } from '../db/store.js';
import { ActiveRuns } from './active-runs.js';
import { Alerting } from './alerts/alerting.js';
import type { Send } from './alerts/send.js';
import type { EngineApi } from './api.js';
import { ChangeWatcher, touches } from './change-watcher.js';
import { systemClock, type Clock } from './clock.js';
import { ConfigKeeper, type ConfigFileAccess } from './config/config-keeper.js';
import { ConfigHolder } from './config/holder.js';
import { createConfigRedactor } from './diagnostics/redact.js';
import { EventBus } from './events.js';
import { handlerFor as defaultHandlerFor } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
import { InstanceRow } from './instance-row.js';
import type { InstanceRecord } from './instances.js';
import { Launcher } from './launcher.js';
import { LeaseKeeper } from './lease-keeper.js';
import { NameCache } from './names.js';
import { Periodic } from './periodic.js';
import { EngineReader } from './reader.js';
import { recoverCrashed } from './recovery.js';
import { purge, type PurgeReport } from './retention.js';
import { nextCronTime } from './schedule.js';
import { Scheduler } from './scheduler.js';
import { StorageHealth } from './storage-message.js';
import type { Identity } from './types.js';
import { labelOf } from './views.js';

export interface EngineOptions {
  store: Store;
  config: LoadedConfig;
  identity: Identity;
  instance: InstanceRecord;
  location: EngineApi['location'];
  /** Start runs automatically (dashboard and headless engine); CLI commands don't. */
  schedule: boolean;
  /** Replaces the handler of every task (tests). */
  handlerFor?: (task: TaskConfig) => Handler;
  /** The system clock unless a test passes a fake one. */
  clock?: Clock;
  /** The config file to reload when it changes; null or absent: none (the demo, tests). */
  configFile?: string | null;
  /** How the config file is read, dated and watched (tests replace it). */
  configFiles?: ConfigFileAccess;
  /** Replaces how alerts reach their channels (tests). */
  sendAlert?: Send;
  /** `--db` or SYNCDECK_DB chose the store, not the config's `database.location`. */
  databaseOverridden?: boolean;
}

/** The parts of one engine, wired together; the facade holds them. */
export interface EngineParts {
  clock: Clock;
  holder: ConfigHolder;
  keeper: ConfigKeeper;
  events: EventBus;
  active: ActiveRuns;
  storage: StorageHealth;
  names: NameCache;
  reader: EngineReader;
  launcher: Launcher;
  /** Null when the engine does not schedule (CLI commands). */
  scheduler: Scheduler | null;
  leases: LeaseKeeper;
  changes: ChangeWatcher;
  /** The recovery loop (every `engine.leaseTtl`). */
  recovery: Periodic;
  /** The retention loop (on `engine.purgeSchedule`). */
  purging: Periodic;
  alerting: Alerting;
  /** This instance's row in `instances`. */
  instanceRow: InstanceRow;
  /** Frees what dead instances held and closes their runs as interrupted; never throws. */
  recover(): Promise<void>;
  /** Applies retention now. */
  purgeNow(): Promise<PurgeReport>;
}

export function composeEngine(options: EngineOptions): EngineParts {
  const { store, config, identity, instance } = options;
  const holder = new ConfigHolder(config);
  const clock = options.clock ?? systemClock;
  const events = new EventBus();
  const active = new ActiveRuns();
  const names = new NameCache(store);
  const storage = new StorageHealth(options.location.database, (e) => events.emit(e));
  const common = { store, config: holder, clock, identity, instanceId: instance.id, active, storage };
  const reader = new EngineReader({ ...common, names });
  let redactorCache: { config: LoadedConfig; redactor: ReturnType<typeof createConfigRedactor> } | null = null;
  const redactorOf = (current: LoadedConfig): ReturnType<typeof createConfigRedactor> => {
    if (redactorCache?.config !== current) redactorCache = { config: current, redactor: createConfigRedactor(current) };
    return redactorCache.redactor;
  };
  const alerting = new Alerting({
    store,
    config: holder,
    clock,
    instance: {
      id: instance.id,
      label: labelOf({ user: identity.osUser, actingUser: identity.user, host: instance.host }),
    },
    redactor: () => redactorOf(holder.current),
    storage,
    onAttempt: (e) => events.emit(e),
    send: options.sendAlert,
  });

  // Filled in below; the callbacks that read it run only once the engine is started.
  let scheduler: Scheduler | null = null;

  const recover = async (): Promise<void> => {
    try {
      const now = clock.now();
      const orphans = await recoverCrashed(store, holder.current, instance, now, (task, run, schedule) =>
        alerting.afterOrphan(task, run, schedule, now),
      );
      if (orphans.length > 0) {
        alerting.proposed();
        events.emit({ type: 'tasks-changed' });
        scheduler?.wake();
      }
    } catch (err) {
      storage.failed(err);
    }
  };

  const purgeNow = async (): Promise<PurgeReport> => {
    const { retention, historyDays } = holder.current;
    const report = await purge(store, clock.now(), retention, historyDays);
    if (report.detailsPurged + report.summariesDeleted > 0) events.emit({ type: 'tasks-changed' });
    return report;
  };

  const launcher = new Launcher({
    ...common,
    alerts: alerting,
    redactor: () => redactorOf(holder.current),
    handlerFor: options.handlerFor ?? ((task) => defaultHandlerFor(task.handler)),
    events,
    names,
    onFinished: () => scheduler?.wake(),
    recoverExpired: recover,
  });
  scheduler = options.schedule ? new Scheduler({ ...common, launcher }) : null;
  const leases = new LeaseKeeper(common);
  const instanceRow = new InstanceRow({ store, clock, identity, instance, schedules: options.schedule });
  const keeper = new ConfigKeeper({
    store,
    clock,
    holder,
    events,
    storage,
    file: options.configFile ?? null,
    writtenBy: labelOf({ user: instance.user, actingUser: identity.user, host: instance.host }),
    identity,
    databaseInUse: options.location.database,
    databaseFromFile: !options.databaseOverridden,
    files: options.configFiles,
    onApplied: () => {
      reader.definitionsChanged();
      alerting.configChanged();
      events.emit({ type: 'tasks-changed' });
      scheduler?.wake();
    },
    onIdentityChanged: () => void instanceRow.rolesChanged().catch((err: unknown) => storage.failed(err)),
  });
  const changes = new ChangeWatcher({
    store,
    clock,
    storage,
    onChange: (tables) => {
      events.emit({ type: 'tasks-changed' });
      // Only a change to the tasks (a pause, a run ended elsewhere, definitions synced) can make one due.
      if (touches(tables, 'tasks', 'services')) scheduler?.wake();
      // A stop request is a change to the task row: the lease keeper sees it at once.
      if (active.size > 0 && touches(tables, 'tasks')) leases.soon();
      // Another instance may have written a new fleet version.
      if (touches(tables, 'tasks', 'services')) keeper.fleetMayHaveChanged();
    },
  });
  const recovery = new Periodic(clock, () => holder.current.engine.leaseTtl, recover);
  const untilPurge = () => nextCronTime(holder.current.engine.purgeSchedule, clock.now()) - clock.now();
  const purging = new Periodic(clock, untilPurge, () =>
    purgeNow().then(
      () => undefined,
      (err: unknown) => storage.failed(err),
    ),
  );

  return {
    clock,
    holder,
    keeper,
    events,
    active,
    storage,
    names,
    reader,
    launcher,
    scheduler,
    leases,
    changes,
    recovery,
    purging,
    alerting,
    instanceRow,
    recover,
    purgeNow,
  };
}
