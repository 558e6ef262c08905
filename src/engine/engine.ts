// The task engine: one per process (dashboard, headless engine, or a CLI command). This
// file is the facade the UI and the CLI use (EngineApi); the work is done by its parts:
// the scheduler, the launcher and the runs, the lease keeper, the change watcher, recovery
// and the reader. The database is the only coordinator between engines
// (docs/ARCHITECTURE.md, The engine: its parts and loops).
import type { LoadedConfig } from '../config/load.js';
import type { TaskConfig } from '../config/schema.js';
import type { Store } from '../db/store.js';
import { ActiveRuns } from './active-runs.js';
import { Alerting } from './alerts/alerting.js';
import type { EngineApi } from './api.js';
import { ChangeWatcher, touches } from './change-watcher.js';
import { systemClock, sleep, type Clock } from './clock.js';
import { ConfigKeeper, type ConfigFileAccess } from './config/config-keeper.js';
import { ConfigHolder } from './config/holder.js';
import { createConfigRedactor } from './diagnostics/redact.js';
import { EventBus } from './events.js';
import { handlerFor as defaultHandlerFor } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
import type { Send } from './alerts/send.js';
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
import { canSee } from './identity.js';
import {
  EngineError,
  type AlertTestResult,
  type AlertTrouble,
  type AlertView,
  type ConfigStatus,
  type EngineEvent,
  type HistoryQuery,
  type Identity,
  type InstanceInfo,
  type InstanceView,
  type RunDetails,
  type RunSummary,
  type TaskView,
} from './types.js';
import { VERSION } from './version.js';
import { labelOf, toRunSummary } from './views.js';

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
}

/** How often waitForRun looks at a run that executes in another process. */
const WAIT_POLL_MS = 250;

export class Engine implements EngineApi {
  readonly identity: Identity;
  readonly instance: InstanceInfo;
  readonly location: EngineApi['location'];
  private readonly store: Store;
  private readonly holder: ConfigHolder;
  private readonly keeper: ConfigKeeper;
  private readonly clock: Clock;
  private readonly events = new EventBus();
  private readonly active = new ActiveRuns();
  private readonly storage: StorageHealth;
  private readonly names: NameCache;
  private readonly reader: EngineReader;
  private readonly launcher: Launcher;
  private readonly scheduler: Scheduler | null;
  private readonly leases: LeaseKeeper;
  private readonly changes: ChangeWatcher;
  private readonly recovery: Periodic;
  private readonly purging: Periodic;
  private readonly alerting: Alerting;
  private shutdownDone: Promise<void> | null = null;
  private loopsStarted = false;

  constructor(private readonly options: EngineOptions) {
    const { store, config, identity, instance } = options;
    this.store = store;
    const holder = (this.holder = new ConfigHolder(config));
    this.identity = identity;
    this.instance = instance;
    this.location = options.location;
    const clock = (this.clock = options.clock ?? systemClock);
    this.names = new NameCache(store);
    this.storage = new StorageHealth(options.location.database, (e) => this.events.emit(e));
    const common = {
      store,
      config: holder,
      clock,
      identity,
      instanceId: instance.id,
      active: this.active,
      storage: this.storage,
    };
    this.reader = new EngineReader({ ...common, names: this.names });
    this.alerting = new Alerting({
      store,
      config: holder,
      clock,
      instance: {
        id: instance.id,
        label: labelOf({ user: identity.osUser, actingUser: identity.user, host: instance.host }),
      },
      redactor: () => this.redactorOf(holder.current),
      storage: this.storage,
      onAttempt: (e) => this.events.emit(e),
      send: options.sendAlert,
    });
    this.launcher = new Launcher({
      ...common,
      alerts: this.alerting,
      redactor: () => this.redactorOf(holder.current),
      handlerFor: options.handlerFor ?? ((task) => defaultHandlerFor(task.handler)),
      events: this.events,
      names: this.names,
      onFinished: () => this.scheduler?.wake(),
      recoverExpired: () => this.recover(),
    });
    this.scheduler = options.schedule ? new Scheduler({ ...common, launcher: this.launcher }) : null;
    this.leases = new LeaseKeeper(common);
    this.keeper = new ConfigKeeper({
      store,
      clock,
      holder,
      events: this.events,
      storage: this.storage,
      file: options.configFile ?? null,
      writtenBy: labelOf({ user: instance.user, actingUser: identity.user, host: instance.host }),
      identity,
      databaseInUse: options.location.database,
      files: options.configFiles,
      onApplied: () => {
        this.reader.definitionsChanged();
        this.alerting.configChanged();
        this.events.emit({ type: 'tasks-changed' });
        this.scheduler?.wake();
      },
      // The instance's row says which roles it runs (who may run what, docs/alerts.md): record the new ones.
      onIdentityChanged: () => void this.recordInstance().catch((err: unknown) => this.storage.failed(err)),
    });
    this.changes = new ChangeWatcher({
      store,
      clock,
      storage: this.storage,
      onChange: (tables) => {
        this.events.emit({ type: 'tasks-changed' });
        // Only a change to the tasks (a pause, a run ended elsewhere, definitions synced) can make one due.
        if (touches(tables, 'tasks', 'services')) this.scheduler?.wake();
        // A stop request is a change to the task row: the lease keeper sees it at once.
        if (this.active.size > 0 && touches(tables, 'tasks')) this.leases.soon();
        // Another instance may have written a new fleet version.
        if (touches(tables, 'tasks', 'services')) void this.keeper.fleetMayHaveChanged();
      },
    });
    this.recovery = new Periodic(
      clock,
      () => holder.current.engine.leaseTtl,
      () => this.recover(),
    );
    const untilPurge = () => nextCronTime(holder.current.engine.purgeSchedule, clock.now()) - clock.now();
    this.purging = new Periodic(clock, untilPurge, () =>
      this.purgeNow().then(
        () => undefined,
        (err: unknown) => this.storage.failed(err),
      ),
    );
  }

  /** The config in force now. */
  private get config(): LoadedConfig {
    return this.holder.current;
  }

  private redactorCache: { config: LoadedConfig; redactor: ReturnType<typeof createConfigRedactor> } | null = null;

  private redactorOf(config: LoadedConfig): ReturnType<typeof createConfigRedactor> {
    if (this.redactorCache?.config !== config) this.redactorCache = { config, redactor: createConfigRedactor(config) };
    return this.redactorCache.redactor;
  }

  /**
   * Writes the config's definitions when they are to be the fleet's, registers this
   * instance, recovers what dead instances left, and starts the loops.
   */
  async start(): Promise<void> {
    await this.register();
    this.startLoops();
  }

  /**
   * The first half of start(): the instance is registered and what dead instances left is
   * recovered, no loop runs yet. The dashboard draws its first frame before it calls
   * startLoops() (docs/ARCHITECTURE.md, Composition root).
   */
  async register(): Promise<void> {
    await this.keeper.publish();
    this.startedAt = this.clock.now();
    await this.recordInstance();
    await this.recover();
  }

  private startedAt: number | null = null;

  /** Writes this instance's row: at registration, and again when a reload changes its user's roles. */
  private async recordInstance(): Promise<void> {
    if (this.startedAt === null || this.shutdownDone) return;
    const now = this.clock.now();
    await this.store.registerInstance({
      ...this.instance,
      kind: this.options.instance.kind,
      startedAt: this.startedAt,
      heartbeatAt: now,
      stoppedAt: null,
      actingUser: this.identity.user,
      roles: this.identity.roles,
      schedules: this.options.schedule,
      version: VERSION,
      clockSkewMs: this.store.kind === 'postgres' ? Math.round(await this.store.clockSkewMs()) : null,
    });
  }

  /** The second half of start(): heartbeats and leases, change polling, recovery, scheduling and the purge. */
  startLoops(): void {
    if (this.shutdownDone || this.loopsStarted) return;
    this.loopsStarted = true;
    this.leases.start(this.clock.now());
    this.changes.start();
    this.recovery.start();
    if (this.scheduler) {
      this.scheduler.start();
      this.purging.start();
      this.alerting.start();
      this.keeper.watch();
    }
  }

  /** Reads the config file again now (SIGHUP on a headless engine); resolves when applied or refused. */
  reloadConfig(): Promise<void> {
    return this.keeper.reload(true);
  }

  configStatus(): Promise<ConfigStatus> {
    return Promise.resolve(this.keeper.status());
  }

  /**
   * Ends every run of this instance (recorded `cancelled` when the user quit, `interrupted`
   * when the process was told to go), releases their leases and marks the instance stopped.
   */
  shutdown(outcome: 'cancelled' | 'interrupted' = 'cancelled', why = 'syncdeck was closed'): Promise<void> {
    // Every caller (a signal, then the command's own cleanup) waits for the same end.
    this.shutdownDone ??= this.stopEverything(outcome, why);
    return this.shutdownDone;
  }

  private async stopEverything(outcome: 'cancelled' | 'interrupted', why: string): Promise<void> {
    const reason = { kind: 'shutdown' as const, outcome, why };
    this.launcher.shuttingDown(reason);
    this.scheduler?.stop();
    this.keeper.stop();
    this.leases.stop();
    this.changes.stop();
    this.recovery.stop();
    this.purging.stop();
    // A delivery being sent gets the stop grace to be recorded (else another instance sends it again later).
    await Promise.all([this.active.abortAll(reason), this.alerting.stop(this.config.engine.stopGrace)]);
    await this.store.markInstancesStopped([this.instance.id], this.clock.now()).catch(() => undefined);
    this.storage.dispose();
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  // ---- reading ------------------------------------------------------------

  snapshot(): Promise<TaskView[]> {
    return this.reader.snapshot();
  }

  history(q: HistoryQuery): Promise<RunSummary[]> {
    return this.reader.history(q);
  }

  countHistory(q: Omit<HistoryQuery, 'limit'>, bound: number): Promise<number> {
    return this.reader.countHistory(q, bound);
  }

  runDetails(runId: number): Promise<RunDetails> {
    return this.reader.runDetails(runId);
  }

  catalog(): ReturnType<EngineApi['catalog']> {
    return this.reader.catalog();
  }

  /** Alerts about the tasks this user may see (and test alerts), newest first, with their deliveries. */
  alerts(limit: number): Promise<AlertView[]> {
    const visible = this.identity.settings
      ? undefined
      : this.config.tasks.filter((t) => canSee(this.identity, t)).map((t) => t.id);
    return this.alerting.list(limit, visible);
  }

  alertTrouble(): Promise<AlertTrouble[]> {
    return this.alerting.trouble();
  }

  /** Sends a test alert to every channel of the config; says what each answered. */
  testAlerts(): Promise<AlertTestResult[]> {
    return this.alerting.test();
  }

  instances(): Promise<InstanceView[]> {
    return this.reader.instances();
  }

  /** The database server's clock minus this computer's, in ms (0 on SQLite); see clockSkewWarning(). */
  clockSkewMs(): Promise<number> {
    return this.store.clockSkewMs();
  }

  // ---- acting -------------------------------------------------------------

  async runNow(taskId: string): Promise<RunSummary> {
    const row = await this.reader.visibleTask(taskId);
    const task = this.config.tasks.find((t) => t.id === taskId);
    if (!task || !row.inConfig)
      throw new EngineError('invalid', `task ${taskId} is no longer in the config; only its history remains`);
    if (!task.enabled) throw new EngineError('invalid', `task ${taskId} is disabled in the config`);
    if (this.holder.differsFromFleet(row)) {
      throw new EngineError(
        'invalid',
        `task ${taskId} is defined differently in this instance's config than in the fleet's; it runs only where the config is the fleet's (see the header)`,
      );
    }
    const active = await this.launcher.launch(row, task, 'manual');
    if (!active) throw new EngineError('invalid', `task ${taskId} could not be started`);
    this.leases.soon();
    return toRunSummary(active.run, this.names.names, this.config.retention);
  }

  async waitForRun(runId: number): Promise<RunSummary> {
    const here = this.active.byRunId(runId);
    // A run of this process ends with the row it recorded: no need to read it back.
    const ended = here ? await here.finished : undefined;
    for (let first = true; ; first = false) {
      const run = first && ended ? ended : await this.store.getRun(runId);
      if (!run) throw new EngineError('not-found', `no run ${runId}`);
      // Names are only labels: a failed lookup shows ids rather than losing the run's end.
      if (run.outcome !== 'running')
        return toRunSummary(run, await this.names.covering([run]).catch(() => this.names.names), this.config.retention);
      await sleep(this.clock, WAIT_POLL_MS);
    }
  }

  async stop(taskId: string): Promise<{ runningOn: string | null }> {
    await this.reader.visibleTask(taskId);
    const by = this.identity.osUser;
    const here = this.active.get(taskId);
    if (here) {
      here.abort({ kind: 'stop', by });
      return { runningOn: this.instance.id };
    }
    const result = await this.store.requestStop(taskId, by, this.clock.now());
    this.events.emit({ type: 'tasks-changed' });
    return result;
  }

  async pause(taskId: string): Promise<void> {
    await this.setPaused(taskId, true);
  }

  async resume(taskId: string): Promise<void> {
    await this.setPaused(taskId, false);
  }

  private async setPaused(taskId: string, paused: boolean): Promise<void> {
    await this.reader.visibleTask(taskId);
    await this.store.setPaused(taskId, paused);
    this.events.emit({ type: 'tasks-changed' });
    this.scheduler?.wake();
  }

  /** Applies retention now (also run hourly by the scheduler). */
  async purgeNow(): Promise<PurgeReport> {
    const report = await purge(this.store, this.clock.now(), this.config.retention, this.config.historyDays);
    if (report.detailsPurged + report.summariesDeleted > 0) this.events.emit({ type: 'tasks-changed' });
    return report;
  }

  /** Frees what dead instances held and closes their runs as interrupted. */
  private async recover(): Promise<void> {
    try {
      const now = this.clock.now();
      const orphans = await recoverCrashed(this.store, this.config, this.options.instance, now, (task, run, schedule) =>
        this.alerting.afterOrphan(task, run, schedule, now),
      );
      if (orphans.length > 0) {
        this.alerting.proposed();
        this.events.emit({ type: 'tasks-changed' });
        this.scheduler?.wake();
      }
    } catch (err) {
      this.storage.failed(err);
    }
  }
}
