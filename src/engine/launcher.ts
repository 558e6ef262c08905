// Starting runs: the lease and the run row in one store call, then an ActiveRun that
// executes the handler; run-started and run-finished events for every run that starts.
import type { TaskConfig } from '../config/schema.js';
import type { Store } from '../db/store.js';
import type { RunRow, TaskRow } from '../db/types.js';
import type { ActiveRuns } from './active-runs.js';
import type { RunAlerts } from './alerts/alerting.js';
import type { ConfigHolder } from './config/holder.js';
import type { Clock } from './clock.js';
import type { Redactor } from './diagnostics/redact.js';
import type { EventBus } from './events.js';
import type { Handler } from './handlers/types.js';
import type { Identity } from './types.js';
import { EngineError, SCHEDULER } from './types.js';
import type { NameCache } from './names.js';
import { ActiveRun, type AbortReason } from './run/active-run.js';
import { TaskStateCache } from './run/state-cache.js';
import type { StorageHealth } from './storage-message.js';
import { instanceLabel, recordsExchanges, toRunSummary } from './views.js';

export interface LauncherDeps {
  store: Store;
  config: ConfigHolder;
  clock: Clock;
  identity: Identity;
  instanceId: string;
  /** The redactor of the config in force. */
  redactor(): Redactor;
  handlerFor: (task: TaskConfig) => Handler;
  active: ActiveRuns;
  events: EventBus;
  names: NameCache;
  storage: StorageHealth;
  /** A run of this instance ended (the scheduler may have room again). */
  onFinished(): void;
  /** Closes the runs of instances whose lease expired, updating their tasks' schedules. */
  recoverExpired(): Promise<void>;
  /** Alerts that runs' ends may cause. */
  alerts?: RunAlerts;
}

/**
 * The task row as startRun left it, when the row read before the start still says it all:
 * the lease was free with no run to close, and nobody took it in between (the epoch grew
 * by exactly our acquisition). Otherwise null: the run reads the row when it ends.
 */
function rowAfterStart(before: TaskRow, runId: number, epoch: number): TaskRow | null {
  if (before.leaseOwner !== null || before.leaseRunId !== null || epoch !== before.leaseEpoch + 1) return null;
  return { ...before, leaseEpoch: epoch, leaseRunId: runId, lastRunId: runId };
}

export class Launcher {
  /** Set once shutdown began: a run that starts after that is aborted at once. */
  private shutdown: Extract<AbortReason, { kind: 'shutdown' }> | null = null;
  private readonly stateCache = new TaskStateCache();

  constructor(private readonly deps: LauncherDeps) {}

  shuttingDown(reason: Extract<AbortReason, { kind: 'shutdown' }>): void {
    this.shutdown = reason;
  }

  /**
   * Starts the task now; null when a scheduled start found it no longer due or held by
   * another instance. A manual start of a held task throws EngineError already-running.
   */
  async launch(row: TaskRow, task: TaskConfig, trigger: 'manual' | 'schedule'): Promise<ActiveRun | null> {
    const { store, clock, identity, active } = this.deps;
    // The run keeps the config in force now to its end, whatever a reload does meanwhile.
    const config = this.deps.config.current;
    // The instance that held it stopped renewing: record its run interrupted the usual way
    // first (the schedule counts the interruption; a third in a row may make it not due).
    if (row.leaseOwner !== null && (row.leaseExpiresAt ?? 0) < clock.now()) await this.deps.recoverExpired();
    const now = clock.now();
    const starting = store.startRun({
      taskId: row.id,
      instanceId: this.deps.instanceId,
      now,
      leaseTtlMs: config.engine.leaseTtl,
      trigger,
      startedBy: trigger === 'manual' ? identity.osUser : SCHEDULER,
      // A command task records its progress log, never exchanges (see RunSummary.recordsExchanges).
      hasDiagnostics: (trigger === 'manual' || task.diagnostics === 'always') && recordsExchanges(task.handler.kind),
      onlyIfDue: trigger === 'schedule',
      interruptedDetailsExpireAt: now + config.retention.unknown,
    });
    active.starting(starting);
    const result = await starting;
    if (!result.started) {
      // A scheduled start that another instance won is nothing to report (and not worth a name lookup).
      if (result.reason === 'held' && trigger === 'manual')
        throw await this.alreadyRunning(row.id, result.heldBy, result.runId);
      return null;
    }
    this.deps.storage.wrote(); // a run row was written: the database takes writes again
    const run = new ActiveRun(
      result.run,
      result.epoch,
      task,
      {
        store,
        config,
        clock,
        instanceId: this.deps.instanceId,
        redactor: this.deps.redactor(),
        handlerFor: this.deps.handlerFor,
        onProgress: (a) =>
          this.deps.events.emit({
            type: 'run-progress',
            taskId: a.taskId,
            runId: a.run.id,
            done: a.progress.done,
            total: a.progress.total,
          }),
        onLog: (a, line) => this.deps.events.emit({ type: 'run-log', taskId: a.taskId, runId: a.run.id, line }),
        onStorageError: (err) => this.deps.storage.failed(err),
        alerts: this.deps.alerts,
        stateCache: this.stateCache,
      },
      rowAfterStart(row, result.run.id, result.epoch),
    );
    active.add(run);
    if (this.shutdown) run.abort(this.shutdown);
    await this.announce('run-started', run.run);
    void run.finished.then(
      (ended) => this.finished(run, ended),
      (err: unknown) => {
        active.remove(run);
        this.deps.storage.failed(err);
        this.deps.onFinished();
      },
    );
    return run;
  }

  private async finished(run: ActiveRun, ended: RunRow): Promise<void> {
    this.deps.active.remove(run);
    this.deps.storage.wrote();
    await this.announce('run-finished', ended);
    this.deps.events.emit({ type: 'tasks-changed' });
    this.deps.onFinished();
  }

  /** Emits the event whatever happens to the name lookup around it: names fall back to ids. */
  private async announce(type: 'run-started' | 'run-finished', run: RunRow): Promise<void> {
    const names = await this.deps.names.covering([run]).catch((err: unknown) => {
      const message = `could not read task and instance names for run ${run.id} (${err instanceof Error ? err.message : String(err)}); ids are shown instead`;
      this.deps.events.emit({ type: 'warning', event: 'name-lookup-failed', message });
      return this.deps.names.names;
    });
    const summary = toRunSummary(run, names, this.deps.config.current.retention);
    this.deps.events.emit(type === 'run-started' ? { type, run: summary } : { type, run: summary });
  }

  private async alreadyRunning(taskId: string, heldBy: string, runId: number | null): Promise<EngineError> {
    const names = await this.deps.names.refresh().catch(() => this.deps.names.names);
    const label = instanceLabel(names, heldBy);
    const where = label === heldBy ? heldBy : `${label} (${heldBy})`;
    return new EngineError('already-running', `${taskId} is already running on ${where}`, {
      instance: heldBy,
      instanceLabel: label,
      runId: runId ?? undefined,
    });
  }
}
