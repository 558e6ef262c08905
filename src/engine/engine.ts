// The task engine: one per process (dashboard, headless engine, or a CLI command). This
// file is the facade the UI and the CLI use (EngineApi); the work is done by its parts:
// the scheduler, the launcher and the runs, the lease keeper, the change watcher, recovery
// and the reader. The database is the only coordinator between engines
// (docs/ARCHITECTURE.md, The engine: its parts and loops).
import type { LoadedConfig } from '../config/load.js';
import type { TaskConfig } from '../config/schema.js';
import type { Store } from '../db/store.js';
import { ActiveRuns } from './active-runs.js';
import type { EngineApi } from './api.js';
import { ChangeWatcher } from './change-watcher.js';
import { systemClock, sleep, type Clock } from './clock.js';
import { createConfigRedactor } from './diagnostics/redact.js';
import { EventBus } from './events.js';
import { handlerFor as defaultHandlerFor } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
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
import { EngineError, type EngineEvent, type HistoryQuery, type Identity, type InstanceInfo, type RunDetails, type RunSummary, type TaskView } from './types.js';
import { VERSION } from './version.js';
import { toRunSummary } from './views.js';

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
}

/** How often waitForRun looks at a run that executes in another process. */
const WAIT_POLL_MS = 250;

export class Engine implements EngineApi {
  readonly identity: Identity;
  readonly instance: InstanceInfo;
  readonly location: EngineApi['location'];
  private readonly store: Store;
  private readonly config: LoadedConfig;
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
  private shutdownDone: Promise<void> | null = null;

  constructor(private readonly options: EngineOptions) {
    const { store, config, identity, instance } = options;
    this.store = store;
    this.config = config;
    this.identity = identity;
    this.instance = instance;
    this.location = options.location;
    const clock = (this.clock = options.clock ?? systemClock);
    this.names = new NameCache(store);
    this.storage = new StorageHealth(options.location.database, (e) => this.events.emit(e));
    const common = { store, config, clock, identity, instanceId: instance.id, active: this.active, storage: this.storage };
    this.reader = new EngineReader({ ...common, names: this.names });
    this.launcher = new Launcher({
      ...common,
      redactor: createConfigRedactor(config),
      handlerFor: options.handlerFor ?? ((task) => defaultHandlerFor(task.handler)),
      events: this.events,
      names: this.names,
      onFinished: () => this.scheduler?.wake(),
      recoverExpired: () => this.recover(),
    });
    this.scheduler = options.schedule ? new Scheduler({ ...common, launcher: this.launcher }) : null;
    this.leases = new LeaseKeeper(common);
    this.changes = new ChangeWatcher({
      store,
      clock,
      storage: this.storage,
      onChange: () => {
        this.events.emit({ type: 'tasks-changed' });
        this.scheduler?.wake();
        if (this.active.size > 0) this.leases.soon();
      },
    });
    this.recovery = new Periodic(clock, config.engine.leaseTtl, () => this.recover());
    const untilPurge = () => nextCronTime(config.engine.purgeSchedule, clock.now()) - clock.now();
    this.purging = new Periodic(clock, untilPurge, () => this.purgeNow().then(() => undefined, (err: unknown) => this.storage.failed(err)));
  }

  /** Registers this instance, recovers what dead instances left, and starts the loops. */
  async start(): Promise<void> {
    const now = this.clock.now();
    await this.store.registerInstance({
      ...this.instance,
      kind: this.options.instance.kind,
      startedAt: now,
      heartbeatAt: now,
      stoppedAt: null,
      actingUser: this.identity.user,
      roles: this.identity.roles,
      schedules: this.options.schedule,
      version: VERSION,
      clockSkewMs: this.store.kind === 'postgres' ? Math.round(await this.store.clockSkewMs()) : null,
    });
    await this.recover();
    this.leases.start(now);
    this.changes.start();
    this.recovery.start();
    if (this.scheduler) {
      this.scheduler.start();
      this.purging.start();
    }
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
    this.leases.stop();
    this.changes.stop();
    this.recovery.stop();
    this.purging.stop();
    await this.active.abortAll(reason);
    await this.store.markInstancesStopped([this.instance.id], this.clock.now()).catch(() => undefined);
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

  /** The database server's clock minus this computer's, in ms (0 on SQLite); see clockSkewWarning(). */
  clockSkewMs(): Promise<number> {
    return this.store.clockSkewMs();
  }

  // ---- acting -------------------------------------------------------------

  async runNow(taskId: string): Promise<RunSummary> {
    const row = await this.reader.visibleTask(taskId);
    const task = this.config.tasks.find((t) => t.id === taskId);
    if (!task || !row.inConfig) throw new EngineError('invalid', `task ${taskId} is no longer in the config; only its history remains`);
    if (!task.enabled) throw new EngineError('invalid', `task ${taskId} is disabled in the config`);
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
      if (run.outcome !== 'running') return toRunSummary(run, await this.names.covering([run]).catch(() => this.names.names), this.config.retention);
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
      const orphans = await recoverCrashed(this.store, this.config, this.options.instance, this.clock.now());
      if (orphans.length > 0) {
        this.events.emit({ type: 'tasks-changed' });
        this.scheduler?.wake();
      }
    } catch (err) {
      this.storage.failed(err);
    }
  }
}
