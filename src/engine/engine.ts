// The task engine: one per process (dashboard, headless engine, or a CLI command). The
// database is the only coordinator between engines (DESIGN.md §3).
import { EventEmitter } from 'node:events';
import cron from 'node-cron';
import type { LoadedConfig } from '../config/load.js';
import type { TaskConfig } from '../config/schema.js';
import type { Store } from '../db/store.js';
import type { HistoryFilter, RunRow, TaskRow } from '../db/types.js';
import type { EngineApi } from './api.js';
import { createConfigRedactor, type Redactor } from './diagnostics/redact.js';
import { handlerFor as defaultHandlerFor } from './handlers/index.js';
import type { Handler } from './handlers/types.js';
import { canSee } from './identity.js';
import type { InstanceRecord } from './instances.js';
import { recoverCrashed } from './recovery.js';
import { dueTasks, historyFilterFor } from './selection.js';
import { purge, type PurgeReport } from './retention.js';
import { ActiveRun } from './runner.js';
import {
  EngineError,
  type EngineEvent,
  type HistoryQuery,
  type Identity,
  type InstanceInfo,
  type RunDetails,
  type RunSummary,
  type TaskView,
  SCHEDULER,
} from './types.js';
import { NameCache } from './names.js';
import { StorageHealth } from './storage-message.js';
import { applyRenewal } from './lease-check.js';
import { oneAtATime } from './one-at-a-time.js';
import { recordsExchanges, toRunDetails, toRunSummary, toTaskView } from './views.js';

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
}

const TICK_MS = 1_000;
const LEASE_CHECK_MS = 1_000;

export class Engine implements EngineApi {
  readonly identity: Identity;
  readonly instance: InstanceInfo;
  readonly location: EngineApi['location'];
  private readonly store: Store;
  private readonly config: LoadedConfig;
  private readonly redactor: Redactor;
  private readonly handlerFor: (task: TaskConfig) => Handler;
  private readonly events = new EventEmitter();
  private readonly active = new Map<string, ActiveRun>();
  private readonly timers: NodeJS.Timeout[] = [];
  private purgeTask: { stop(): void } | null = null;
  private stopping = false;
  private shutdownReason: { outcome: 'cancelled' | 'interrupted'; why: string } | null = null;
  /** Settles when no start is between the store and `active` (see stopRuns). */
  private launching: Promise<unknown> = Promise.resolve();
  private shutdownDone: Promise<void> | null = null;
  private readonly storage: StorageHealth;
  private lastMarker = -1;
  private lastHeartbeat = 0;
  private lastLeaseRenewal = Date.now();
  private readonly nameCache: NameCache;
  private taskRowsForVisibility: TaskRow[] | null = null;

  constructor(private readonly options: EngineOptions) {
    this.store = options.store;
    this.config = options.config;
    this.identity = options.identity;
    this.instance = options.instance;
    this.location = options.location;
    this.redactor = createConfigRedactor(options.config);
    this.nameCache = new NameCache(options.store);
    this.storage = new StorageHealth(options.location.database, (e) => this.emit(e));
    this.handlerFor = options.handlerFor ?? ((task) => defaultHandlerFor(task.handler));
    this.events.setMaxListeners(100);
  }

  /** Registers this instance, recovers what dead instances left, and starts the loops. */
  async start(): Promise<void> {
    const now = Date.now();
    await this.store.registerInstance({ ...this.instance, kind: this.options.instance.kind, startedAt: now, heartbeatAt: now, stoppedAt: null });
    this.lastHeartbeat = now;
    await this.recover();
    const every = (ms: number, fn: () => Promise<void>) => {
      const t = setInterval(() => void fn(), ms);
      t.unref();
      this.timers.push(t);
    };
    every(LEASE_CHECK_MS, () => this.checkLeases());
    every(TICK_MS, () => this.pollChanges());
    every(this.config.engine.leaseTtl, () => this.recover().catch((err: unknown) => this.storage.failed(err)));
    if (this.options.schedule) {
      this.scheduleTick(0);
      this.purgeTask = cron.schedule(this.config.engine.purgeSchedule, () => void this.purgeNow().catch((err: unknown) => this.storage.failed(err)));
    }
  }

  /**
   * Ends every run of this instance (recorded `cancelled` when the user quit, `interrupted`
   * when the process was told to go), releases their leases and marks the instance stopped.
   */
  shutdown(outcome: 'cancelled' | 'interrupted' = 'cancelled', why = 'syncdeck was closed'): Promise<void> {
    // Every caller (a signal, then the command's own cleanup) waits for the same end.
    this.shutdownDone ??= this.stopRuns(outcome, why);
    return this.shutdownDone;
  }

  private async stopRuns(outcome: 'cancelled' | 'interrupted', why: string): Promise<void> {
    this.stopping = true;
    this.shutdownReason = { outcome, why };
    for (const t of this.timers) clearTimeout(t);
    this.purgeTask?.stop();
    // A run whose start was already on its way to the store joins `active` after this
    // began: keep going until none is left.
    for (;;) {
      await this.launching;
      const runs = [...this.active.values()];
      if (runs.length === 0) break;
      for (const r of runs) r.abort({ kind: 'shutdown', outcome, why });
      await Promise.allSettled(runs.map((r) => r.finished));
      for (const r of runs) if (this.active.get(r.taskId) === r) this.active.delete(r.taskId);
    }
    await this.store.markInstancesStopped([this.instance.id], Date.now()).catch(() => undefined);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  private emit(event: EngineEvent): void {
    this.events.emit('event', event);
  }

  // ---- reading ------------------------------------------------------------

  async snapshot(): Promise<TaskView[]> {
    const [rows] = await Promise.all([this.store.listTasks(), this.nameCache.refresh()]);
    const now = Date.now();
    const visible = rows.filter((t) => t.inConfig && canSee(this.identity, t));
    const lastIds = visible.map((t) => t.lastRunId).filter((id): id is number => id !== null);
    const lastRuns = new Map((await this.store.getRuns(lastIds)).map((r) => [r.id, r]));
    return visible.map((t) => {
      const last = t.lastRunId !== null ? lastRuns.get(t.lastRunId) : undefined;
      const active = this.active.get(t.id);
      return toTaskView(t, {
        identity: this.identity,
        instanceId: this.instance.id,
        now,
        names: this.nameCache.names,
        lastRun: last ? toRunSummary(last, this.nameCache.names) : null,
        live: active?.run.id === t.lastRunId ? active?.progress : undefined,
      });
    });
  }

  async history(q: HistoryQuery): Promise<RunSummary[]> {
    const filter = await this.historyFilter(q);
    const rows = await this.store.historyPage({ filter, limit: q.limit, beforeId: q.beforeId, afterId: q.afterId, oldest: q.oldest });
    const names = await this.nameCache.covering(rows);
    return rows.map((r) => toRunSummary(r, names));
  }

  async countHistory(q: Omit<HistoryQuery, 'limit'>, bound: number): Promise<number> {
    return this.store.countHistory(await this.historyFilter(q), bound);
  }

  async runDetails(runId: number): Promise<RunDetails> {
    const run = await this.store.getRun(runId);
    if (!run || !(await this.visibleTaskId(run.taskId))) throw new EngineError('not-found', `no run ${runId}`);
    const [log, exchanges] = run.detailsPurgedAt === null ? await Promise.all([this.store.runLog(runId), this.store.runExchanges(runId)]) : [[], []];
    return toRunDetails(run, log, exchanges, await this.nameCache.covering([run]));
  }

  async catalog() {
    const [rows] = await Promise.all([this.store.listTasks(), this.nameCache.refresh()]);
    const visible = rows.filter((t) => canSee(this.identity, t));
    const serviceIds = [...new Set(visible.map((t) => t.serviceId))].sort();
    return {
      services: serviceIds.map((id) => ({ id, name: this.nameCache.names.services.get(id)?.name ?? id })),
      types: [...new Set(visible.map((t) => t.type))].sort(),
      tasks: visible.map((t) => ({ id: t.id, name: t.name })),
      // Who may have started a run: the scheduler and the config's users.
      users: [SCHEDULER, ...this.config.users.map((u) => u.name).sort()],
    };
  }

  /** The database server's clock minus this computer's, in ms (0 on SQLite); see clockSkewWarning(). */
  clockSkewMs(): Promise<number> {
    return this.store.clockSkewMs();
  }

  // ---- acting -------------------------------------------------------------

  async runNow(taskId: string): Promise<RunSummary> {
    const row = await this.visibleTask(taskId);
    const task = this.config.tasks.find((t) => t.id === taskId);
    if (!task || !row.inConfig) throw new EngineError('invalid', `task ${taskId} is no longer in the config; only its history remains`);
    if (!task.enabled) throw new EngineError('invalid', `task ${taskId} is disabled in the config`);
    const active = await this.launch(row, task, 'manual');
    if (!active) throw new EngineError('invalid', `task ${taskId} could not be started`);
    return toRunSummary(active.run, this.nameCache.names);
  }

  async waitForRun(runId: number): Promise<RunSummary> {
    const here = [...this.active.values()].find((a) => a.run.id === runId);
    if (here) await here.finished;
    for (;;) {
      const run = await this.store.getRun(runId);
      if (!run) throw new EngineError('not-found', `no run ${runId}`);
      if (run.outcome !== 'running') {
        return toRunSummary(run, await this.nameCache.covering([run]));
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async stop(taskId: string): Promise<{ runningOn: string | null }> {
    await this.visibleTask(taskId);
    const by = this.identity.osUser;
    const here = this.active.get(taskId);
    if (here) {
      here.abort({ kind: 'stop', by });
      return { runningOn: this.instance.id };
    }
    const result = await this.store.requestStop(taskId, by, Date.now());
    this.emit({ type: 'tasks-changed' });
    return result;
  }

  async pause(taskId: string): Promise<void> {
    await this.visibleTask(taskId);
    await this.store.setPaused(taskId, true);
    this.emit({ type: 'tasks-changed' });
  }

  async resume(taskId: string): Promise<void> {
    await this.visibleTask(taskId);
    await this.store.setPaused(taskId, false);
    this.emit({ type: 'tasks-changed' });
  }

  /** Applies retention now (also run hourly by the scheduler). */
  async purgeNow(): Promise<PurgeReport> {
    const report = await purge(this.store, Date.now(), this.config.historyDays);
    if (report.detailsPurged + report.summariesDeleted > 0) this.emit({ type: 'tasks-changed' });
    return report;
  }

  // ---- internals ----------------------------------------------------------

  private async launch(row: TaskRow, task: TaskConfig, trigger: 'manual' | 'schedule'): Promise<ActiveRun | null> {
    const now = Date.now();
    const starting = this.store.startRun({
      taskId: row.id,
      instanceId: this.instance.id,
      now,
      leaseTtlMs: this.config.engine.leaseTtl,
      trigger,
      startedBy: trigger === 'manual' ? this.identity.osUser : SCHEDULER,
      hasDiagnostics: (trigger === 'manual' || task.diagnostics === 'always') && recordsExchanges(task.handler.kind),
      onlyIfDue: trigger === 'schedule',
      interruptedDetailsExpireAt: now + this.config.retention.unknown,
    });
    this.launching = Promise.allSettled([this.launching, starting]);
    const result = await starting;
    if (!result.started) {
      if (result.reason === 'held') {
        const label = (await this.nameCache.refresh()).instances.get(result.heldBy);
        throw new EngineError('already-running', `${row.id} is already running on ${label ? `${label.user}@${label.host} (${result.heldBy})` : result.heldBy}`, {
          instance: result.heldBy,
          instanceLabel: label ? `${label.user}@${label.host}` : result.heldBy,
          runId: result.runId ?? undefined,
        });
      }
      return null;
    }
    this.storage.wrote(); // a run row was written: the database takes writes again
    const active = new ActiveRun(result.run, result.epoch, task, {
      store: this.store,
      config: this.config,
      instanceId: this.instance.id,
      redactor: this.redactor,
      handlerFor: this.handlerFor,
      onProgress: (a) => this.emit({ type: 'run-progress', taskId: a.taskId, runId: a.run.id, done: a.progress.done, total: a.progress.total }),
      onLog: (a, line) => this.emit({ type: 'run-log', taskId: a.taskId, runId: a.run.id, line }),
      onStorageError: (err) => this.storage.failed(err),
    });
    this.active.set(row.id, active);
    if (this.shutdownReason) active.abort({ kind: 'shutdown', ...this.shutdownReason });
    this.emit({ type: 'run-started', run: toRunSummary(active.run, await this.nameCache.covering([active.run])) });
    void active.finished.then(
      (run) => this.onFinished(active, run),
      (err: unknown) => {
        this.active.delete(row.id);
        this.storage.failed(err);
      },
    );
    return active;
  }

  private onFinished(active: ActiveRun, run: RunRow): void {
    this.active.delete(active.taskId);
    this.storage.wrote();
    this.emit({ type: 'run-finished', run: toRunSummary(run, this.nameCache.names) });
    this.emit({ type: 'tasks-changed' });
    if (this.options.schedule && !this.stopping) void this.tick();
  }

  /**
   * The scheduler ticks about once a second, with jitter: instances sharing a database
   * would otherwise keep the same phase, and the first in line would win every task.
   */
  private scheduleTick(delay: number): void {
    if (this.stopping) return;
    const t = setTimeout(() => {
      this.timers.splice(this.timers.indexOf(t), 1);
      void this.tick().finally(() => this.scheduleTick(TICK_MS / 2 + Math.random() * TICK_MS));
    }, delay);
    t.unref();
    this.timers.push(t);
  }

  /** Starts the due tasks this instance runs automatically, up to maxConcurrentRuns. */
  private readonly tick = oneAtATime(async () => {
    if (this.stopping) return;
    try {
      let capacity = this.config.engine.maxConcurrentRuns - this.active.size;
      if (capacity <= 0) return;
      const now = Date.now();
      const due = dueTasks(await this.store.listTasks(), this.identity, new Set(this.active.keys()), now);
      for (const row of due) {
        if (capacity <= 0 || this.stopping) break;
        const task = this.config.tasks.find((t) => t.id === row.id);
        if (!task) continue;
        try {
          if (await this.launch(row, task, 'schedule')) capacity--;
        } catch (err) {
          if (!(err instanceof EngineError)) throw err; // another instance won the race: fine
        }
      }
    } catch (err) {
      this.storage.failed(err);
    }
  });

  /** Renews this instance's leases, and aborts runs whose lease was lost or that someone asked to stop. */
  private readonly checkLeases = oneAtATime(async () => {
    const now = Date.now();
    try {
      if (now - this.lastHeartbeat >= this.config.engine.heartbeat) {
        await this.store.heartbeatInstance(this.instance.id, now);
        this.lastHeartbeat = now;
        this.storage.wrote();
      }
      if (this.active.size === 0) return;
      // Only runs started before the renewal was sent can be judged by its answer: with an
      // async store (PostgreSQL) a run may start while the renewal is on its way.
      const judged = [...this.active.values()];
      const { held } = await this.store.renewLeases(this.instance.id, now, this.config.engine.leaseTtl);
      this.lastLeaseRenewal = now;
      applyRenewal(judged, held);
      this.storage.wrote();
    } catch (err) {
      this.storage.failed(err);
      // Past the lease TTL without a renewal, another instance may take the task: stop ours.
      if (now - this.lastLeaseRenewal > this.config.engine.leaseTtl) {
        for (const run of this.active.values()) run.abort({ kind: 'lease-lost' });
      }
    }
  });

  /** Notices commits by other processes (PRAGMA data_version) and tells subscribers. */
  private readonly pollChanges = oneAtATime(async () => {
    try {
      const marker = await this.store.changeMarker();
      if (this.lastMarker !== -1 && marker !== this.lastMarker) this.emit({ type: 'tasks-changed' });
      this.lastMarker = marker;
    } catch (err) {
      this.storage.failed(err);
    }
  });

  /** Frees what dead instances held and closes their runs as interrupted (backing off their tasks). */
  private async recover(): Promise<void> {
    const orphans = await recoverCrashed(this.store, this.config, this.options.instance, Date.now());
    if (orphans.length > 0) this.emit({ type: 'tasks-changed' });
  }

  private async historyFilter(q: Omit<HistoryQuery, 'limit'>): Promise<HistoryFilter> {
    // Task definitions change only when a process syncs its config at start: read them once.
    this.taskRowsForVisibility ??= this.identity.settings ? [] : await this.store.listTasks();
    return historyFilterFor(this.identity, this.taskRowsForVisibility, q);
  }

  private async visibleTask(taskId: string): Promise<TaskRow> {
    const row = await this.store.getTask(taskId);
    if (!row || !canSee(this.identity, row)) throw new EngineError('not-found', `no task "${taskId}"`);
    return row;
  }

  private async visibleTaskId(taskId: string): Promise<boolean> {
    const row = await this.store.getTask(taskId);
    return Boolean(row && canSee(this.identity, row));
  }
}
