// Executes one run that the engine has already started (lease held, run row inserted):
// builds the handler context, enforces the timeout, honours stop, lease loss and shutdown,
// abandons a handler that ignores its AbortSignal, and records the end of the run
// (docs/ARCHITECTURE.md, The engine: its parts and loops).
import type { LoadedConfig } from '../../config/load.js';
import type { TaskConfig } from '../../config/schema.js';
import { formatDuration } from '../../config/duration.js';
import type { Store } from '../../db/store.js';
import type { ExchangeInput, LogLineInput, RunRow, TaskRow } from '../../db/types.js';
import type { RunAlerts } from '../alerts/alerting.js';
import type { Clock } from '../clock.js';
import { createRunRecorder } from '../diagnostics/run-recorder.js';
import type { Redactor } from '../diagnostics/redact.js';
import type { Handler, HandlerResult } from '../handlers/types.js';
import { retentionFor } from '../retention.js';
import { scheduleAfter, scheduleInputOf } from '../schedule.js';
import type { LiveProgress } from '../views.js';
import { clipMessage } from './clip.js';
import { handlerContext, RunState } from './handler-context.js';
import { LogBuffer } from './log-buffer.js';
import { outcomeOf, type AbortReason, type HandlerSettled, type RunEnd } from './outcome.js';
import { ProgressWriter } from './progress-writer.js';
import type { TaskStateCache } from './state-cache.js';
import { WriteQueue } from './write-queue.js';

export type { AbortReason, RunEnd } from './outcome.js';

export interface RunnerDeps {
  store: Store;
  config: LoadedConfig;
  clock: Clock;
  instanceId: string;
  redactor: Redactor;
  handlerFor: (task: TaskConfig) => Handler;
  onProgress(run: ActiveRun): void;
  onLog(run: ActiveRun, line: LogLineInput): void;
  onStorageError: (err: unknown) => void;
  /** Per-task state this instance left behind (saves reading it back at the next start). */
  stateCache: TaskStateCache;
  /** The alert a run's end may cause (docs/alerts.md); none without. */
  alerts?: RunAlerts;
}

/** A handler gets this long past the stop grace to end after being aborted (a command handler SIGKILLs its child at exactly the grace). */
const ABANDON_MARGIN_MS = 1_000;

/** Values as the store gives them back (JSON; undefined becomes null). */
const asStored = (changed: ReadonlyMap<string, unknown>): Record<string, unknown> =>
  Object.fromEntries([...changed].map(([key, value]) => [key, JSON.parse(JSON.stringify(value ?? null)) as unknown]));

/** A run executing in this process. */
export class ActiveRun {
  readonly controller = new AbortController();
  reason: AbortReason | null = null;
  readonly finished: Promise<RunRow>;
  private readonly progressWriter: ProgressWriter;
  private readonly writes: WriteQueue;
  private readonly log: LogBuffer;

  /**
   * `taskRow`: the task's row as it stands after the start, when the launcher knows it (the
   * lease was free and nobody took it in between); the end of the run computes the next
   * schedule from it instead of reading it again. A config change synced during the run
   * then applies from the next run on.
   */
  constructor(
    readonly run: RunRow,
    readonly epoch: number,
    readonly task: TaskConfig,
    private readonly deps: RunnerDeps,
    private readonly taskRow: TaskRow | null = null,
  ) {
    const { store, clock } = deps;
    this.writes = new WriteQueue(deps.onStorageError);
    this.log = new LogBuffer({
      clock,
      redactor: deps.redactor,
      writes: this.writes,
      append: (lines) => store.appendLog(run.id, lines),
      onLine: (line) => deps.onLog(this, line),
    });
    this.progressWriter = new ProgressWriter({
      clock,
      writes: this.writes,
      save: (done, total) => store.setProgress(run.id, done, total),
      onChange: () => deps.onProgress(this),
    });
    this.finished = this.execute();
  }

  get taskId(): string {
    return this.run.taskId;
  }

  get progress(): LiveProgress {
    return this.progressWriter.current;
  }

  abort(reason: AbortReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort(reason);
  }

  private clean = (text: string) => this.deps.redactor.text(clipMessage(text));

  private async execute(): Promise<RunRow> {
    const { deps, task, run } = this;
    const { store, config, clock } = deps;
    const stored =
      deps.stateCache.get(task.id, this.epoch) ??
      (await store.getState(task.id).catch((err: unknown): Record<string, unknown> => {
        deps.onStorageError(err);
        return {};
      }));
    const state = new RunState(stored);
    const warnings: string[] = [];
    const requests = createRunRecorder({
      record: run.hasDiagnostics ? (ex: ExchangeInput) => this.writes.push(() => store.addExchange(run.id, ex)) : null,
      redactor: deps.redactor,
      maxBodyBytes: config.diagnostics.maxBodyBytes,
      now: () => clock.now(),
    });
    const ctx = handlerContext({
      run,
      task,
      config,
      signal: this.controller.signal,
      log: this.log,
      warnings,
      clean: this.clean,
      progress: this.progressWriter,
      requests,
      state,
    });

    const stopGraceMs = config.engine.stopGrace;
    const result = await this.race(() => deps.handlerFor(task)(ctx), stopGraceMs);
    const end = outcomeOf(this.reason, result, warnings, { timeoutMs: task.timeout, stopGraceMs }, this.clean);
    if ('abandoned' in result)
      this.log.add(
        'error',
        `the handler did not stop within ${formatDuration(stopGraceMs)} of being asked to; it was abandoned`,
      );
    else if (end.outcome === 'error') this.log.add('error', end.message ?? 'failed');
    else if (end.outcome === 'cancelled' || end.outcome === 'interrupted')
      this.log.add('warn', end.message ?? end.outcome);

    // Exchanges whose bodies the handler never read are recorded now.
    await requests.settled();
    this.progressWriter.finish();
    for (const [key, value] of state.changed) this.writes.push(() => store.setState(task.id, key, value, clock.now()));
    await this.writes.drain();
    if (this.writes.failed) deps.stateCache.forget(task.id);
    else
      deps.stateCache.set(
        task.id,
        this.epoch,
        state.changed.size === 0 ? stored : { ...stored, ...asStored(state.changed) },
      );
    // The last lines go with the run's end, in its transaction.
    return this.finish(end, this.log.take());
  }

  /** The handler against its timeout, and, once aborted, against the grace it has to end. */
  private async race(start: () => Promise<unknown>, stopGraceMs: number): Promise<HandlerSettled> {
    const { clock } = this.deps;
    const timeout = clock.setTimeout(() => this.abort({ kind: 'timeout' }), this.task.timeout);
    let abandonTimer: ReturnType<Clock['setTimeout']> | null = null;
    const abandoned = new Promise<HandlerSettled>((resolve) => {
      const arm = () =>
        (abandonTimer = clock.setTimeout(() => resolve({ abandoned: true }), stopGraceMs + ABANDON_MARGIN_MS).unref());
      const signal = this.controller.signal;
      if (signal.aborted) arm();
      else signal.addEventListener('abort', arm, { once: true });
    });
    const handler = Promise.resolve()
      .then(start)
      .then(
        (value): HandlerSettled => ({ ok: true, value: value as HandlerResult | void }),
        (error: unknown): HandlerSettled => ({ ok: false, error }),
      );
    try {
      return await Promise.race([handler, abandoned]);
    } finally {
      clock.clearTimeout(timeout);
      clock.clearTimeout(abandonTimer);
    }
  }

  private async finish(end: RunEnd, log: LogLineInput[]): Promise<RunRow> {
    const { store, config, clock, instanceId } = this.deps;
    const finishedAt = clock.now();
    const row = this.taskRow ?? (await store.getTask(this.task.id));
    const schedule = row
      ? scheduleAfter(scheduleInputOf(row, this.task), end.outcome, this.run.startedAt, finishedAt)
      : null;
    // Proposed with the run's end; the store records it in the same transaction, once per episode.
    const alert =
      row && schedule && this.deps.alerts
        ? this.deps.alerts.afterRun(
            row,
            schedule,
            { id: this.run.id, startedAt: this.run.startedAt, ...end },
            finishedAt,
          )
        : null;
    const detailsExpireAt = finishedAt + retentionFor(config.retention, end.outcome, end.errorClass);
    const owned = await store.finishRun({
      taskId: this.task.id,
      runId: this.run.id,
      epoch: this.epoch,
      instanceId,
      finishedAt,
      ...end,
      detailsExpireAt,
      schedule,
      alert,
      log,
    });
    if (alert) this.deps.alerts?.proposed();
    // Recorded as given: the row is what was written, no need to read it back.
    const saved = this.progressWriter.saved;
    const written: RunRow = {
      ...this.run,
      ...end,
      finishedAt,
      detailsExpireAt,
      ...(saved ? { progressDone: saved.done, progressTotal: saved.total } : {}),
    };
    if (owned) return written;
    this.deps.stateCache.forget(this.task.id);
    return (await store.getRun(this.run.id)) ?? written;
  }
}
