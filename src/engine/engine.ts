// The task engine: one per process (dashboard, headless engine, or a CLI command). This
// file is the facade the UI and the CLI use (EngineApi); the work is done by its parts
// (the scheduler, the launcher and the runs, the lease keeper, the change watcher,
// recovery, the reader), built and wired together in compose.ts. The database is the
// only coordinator between engines (docs/ARCHITECTURE.md, The engine: its parts and loops).
import type { LoadedConfig } from '../config/load.js';
import type { Store } from '../db/store.js';
import type { EngineApi } from './api.js';
import { sleep } from './clock.js';
import { composeEngine, type EngineOptions, type EngineParts } from './compose.js';
import { canSee } from './identity.js';
import type { PurgeReport } from './retention.js';
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
import { toRunSummary } from './views.js';

export type { EngineOptions } from './compose.js';

/** How often waitForRun looks at a run that executes in another process. */
const WAIT_POLL_MS = 250;

export class Engine implements EngineApi {
  readonly identity: Identity;
  readonly instance: InstanceInfo;
  readonly location: EngineApi['location'];
  private readonly store: Store;
  private readonly parts: EngineParts;
  private shutdownDone: Promise<void> | null = null;
  private loopsStarted = false;

  constructor(private readonly options: EngineOptions) {
    this.identity = options.identity;
    this.instance = options.instance;
    this.location = options.location;
    this.store = options.store;
    this.parts = composeEngine(options);
  }

  /** The config in force now. */
  private get config(): LoadedConfig {
    return this.parts.holder.current;
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
    await this.parts.keeper.publish();
    await this.parts.instanceRow.register();
    await this.parts.recover();
  }

  /** The second half of start(): heartbeats and leases, change polling, recovery, scheduling and the purge. */
  startLoops(): void {
    if (this.shutdownDone || this.loopsStarted) return;
    this.loopsStarted = true;
    this.parts.leases.start(this.parts.clock.now());
    this.parts.changes.start();
    this.parts.recovery.start();
    if (this.parts.scheduler) {
      this.parts.scheduler.start();
      this.parts.purging.start();
      this.parts.alerting.start();
      this.parts.keeper.watch();
    }
  }

  /** Reads the config file again now (SIGHUP on a headless engine); resolves when applied or refused. */
  reloadConfig(): Promise<void> {
    return this.parts.keeper.reload(true);
  }

  configStatus(): Promise<ConfigStatus> {
    return Promise.resolve(this.parts.keeper.status());
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
    this.parts.launcher.shuttingDown(reason);
    this.parts.scheduler?.stop();
    this.parts.keeper.stop();
    this.parts.instanceRow.stop();
    this.parts.leases.stop();
    this.parts.changes.stop();
    this.parts.recovery.stop();
    this.parts.purging.stop();
    // A delivery being sent gets the stop grace to be recorded (else another instance sends it again later).
    await Promise.all([this.parts.active.abortAll(reason), this.parts.alerting.stop(this.config.engine.stopGrace)]);
    await this.store.markInstancesStopped([this.instance.id], this.parts.clock.now()).catch(() => undefined);
    this.parts.storage.dispose();
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.parts.events.subscribe(listener);
  }

  // ---- reading ------------------------------------------------------------

  snapshot(): Promise<TaskView[]> {
    return this.parts.reader.snapshot();
  }

  history(q: HistoryQuery): Promise<RunSummary[]> {
    return this.parts.reader.history(q);
  }

  countHistory(q: Omit<HistoryQuery, 'limit'>, bound: number): Promise<number> {
    return this.parts.reader.countHistory(q, bound);
  }

  runDetails(runId: number): Promise<RunDetails> {
    return this.parts.reader.runDetails(runId);
  }

  catalog(): ReturnType<EngineApi['catalog']> {
    return this.parts.reader.catalog();
  }

  /** Alerts about the tasks this user may see (and test alerts), newest first, with their deliveries. */
  alerts(limit: number): Promise<AlertView[]> {
    const visible = this.identity.settings
      ? undefined
      : this.config.tasks.filter((t) => canSee(this.identity, t)).map((t) => t.id);
    return this.parts.alerting.list(limit, visible);
  }

  alertTrouble(): Promise<AlertTrouble[]> {
    return this.parts.alerting.trouble();
  }

  /** Sends a test alert to every channel of the config; says what each answered. */
  testAlerts(): Promise<AlertTestResult[]> {
    return this.parts.alerting.test();
  }

  instances(): Promise<InstanceView[]> {
    return this.parts.reader.instances();
  }

  /** The database server's clock minus this computer's, in ms (0 on SQLite); see clockSkewWarning(). */
  clockSkewMs(): Promise<number> {
    return this.store.clockSkewMs();
  }

  // ---- acting -------------------------------------------------------------

  async runNow(taskId: string): Promise<RunSummary> {
    const row = await this.parts.reader.visibleTask(taskId);
    const task = this.config.tasks.find((t) => t.id === taskId);
    if (!task || !row.inConfig)
      throw new EngineError('invalid', `task ${taskId} is no longer in the config; only its history remains`);
    if (!task.enabled) throw new EngineError('invalid', `task ${taskId} is disabled in the config`);
    if (this.parts.holder.differsFromFleet(row)) {
      throw new EngineError(
        'invalid',
        `task ${taskId} is defined differently in this instance's config than in the fleet's; it runs only where the config is the fleet's (see the header)`,
      );
    }
    const active = await this.parts.launcher.launch(row, task, 'manual');
    if (!active) throw new EngineError('invalid', `task ${taskId} could not be started`);
    this.parts.leases.soon();
    return toRunSummary(active.run, this.parts.names.names, this.config.retention);
  }

  async waitForRun(runId: number): Promise<RunSummary> {
    const here = this.parts.active.byRunId(runId);
    // A run of this process ends with the row it recorded: no need to read it back.
    const ended = here ? await here.finished : undefined;
    for (let first = true; ; first = false) {
      const run = first && ended ? ended : await this.store.getRun(runId);
      if (!run) throw new EngineError('not-found', `no run ${runId}`);
      // Names are only labels: a failed lookup shows ids rather than losing the run's end.
      if (run.outcome !== 'running')
        return toRunSummary(
          run,
          await this.parts.names.covering([run]).catch(() => this.parts.names.names),
          this.config.retention,
        );
      await sleep(this.parts.clock, WAIT_POLL_MS);
    }
  }

  async stop(taskId: string): Promise<{ runningOn: string | null }> {
    await this.parts.reader.visibleTask(taskId);
    const by = this.identity.osUser;
    const here = this.parts.active.get(taskId);
    if (here) {
      here.abort({ kind: 'stop', by });
      return { runningOn: this.instance.id };
    }
    const result = await this.store.requestStop(taskId, by, this.parts.clock.now());
    this.parts.events.emit({ type: 'tasks-changed' });
    return result;
  }

  async pause(taskId: string): Promise<void> {
    await this.setPaused(taskId, true);
  }

  async resume(taskId: string): Promise<void> {
    await this.setPaused(taskId, false);
  }

  private async setPaused(taskId: string, paused: boolean): Promise<void> {
    await this.parts.reader.visibleTask(taskId);
    await this.store.setPaused(taskId, paused);
    this.parts.events.emit({ type: 'tasks-changed' });
    this.parts.scheduler?.wake();
  }

  /** Applies retention now (also run on the purge schedule by the retention loop). */
  purgeNow(): Promise<PurgeReport> {
    return this.parts.purgeNow();
  }
}
