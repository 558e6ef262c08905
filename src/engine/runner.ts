// Executes one run that the engine has already started (lease held, run row inserted):
// builds the handler context, enforces the timeout, honours stop/lease loss/shutdown,
// abandons a handler that ignores its AbortSignal, and records the end of the run.
import type { LoadedConfig } from '../config/load.js';
import type { ServiceConfig, TaskConfig } from '../config/schema.js';
import type { Store } from '../db/store.js';
import type { ErrorClass, ExchangeInput, LogLineInput, Outcome, RunRow, TaskRow } from '../db/types.js';
import { formatDuration } from '../config/duration.js';
import { createRecordingFetch, type RecordingFetch } from './diagnostics/recording-fetch.js';
import type { Redactor } from './diagnostics/redact.js';
import { errorClassOf, type Handler, type HandlerContext, type HandlerResult } from './handlers/types.js';
import { retentionFor } from './retention.js';
import { DEFAULT_CRON_RETRY_MS, scheduleAfter } from './schedule.js';
import type { LiveProgress } from './views.js';

export type AbortReason =
  | { kind: 'timeout' }
  | { kind: 'stop'; by: string }
  | { kind: 'lease-lost' }
  | { kind: 'shutdown'; outcome: 'cancelled' | 'interrupted'; why: string };

export interface RunnerDeps {
  store: Store;
  config: LoadedConfig;
  instanceId: string;
  redactor: Redactor;
  handlerFor(task: TaskConfig): Handler;
  onProgress(run: ActiveRun): void;
  onLog(run: ActiveRun, line: LogLineInput): void;
  onStorageError: (err: unknown) => void;
}

export interface RunEnd {
  outcome: Outcome;
  errorClass: ErrorClass | null;
  message: string | null;
  stoppedBy: string | null;
}

const MAX_MESSAGE = 2_000;
const LOG_FLUSH_MS = 200;
const PROGRESS_WRITE_MS = 500;
const MAX_LOG_LINES = 5_000;

/** A run executing in this process. */
export class ActiveRun {
  readonly controller = new AbortController();
  reason: AbortReason | null = null;
  progress: LiveProgress = { done: 0, total: null };
  readonly finished: Promise<RunRow>;

  constructor(
    readonly run: RunRow,
    readonly epoch: number,
    readonly task: TaskConfig,
    private readonly deps: RunnerDeps,
  ) {
    this.finished = this.execute();
  }

  get taskId() {
    return this.run.taskId;
  }

  abort(reason: AbortReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort(reason);
  }

  private async execute(): Promise<RunRow> {
    const { deps, task, run } = this;
    const { store, config, redactor } = deps;
    const service = config.services.find((s) => s.id === task.service) as ServiceConfig;
    const stopGraceMs = config.engine.stopGrace;
    const writes = new WriteQueue(deps.onStorageError);

    // Logs are buffered and written a few times a second, not one transaction per line.
    let pendingLines: LogLineInput[] = [];
    let logCount = 0;
    const flushLogs = () => {
      if (pendingLines.length === 0) return;
      const lines = pendingLines;
      pendingLines = [];
      writes.push(() => store.appendLog(run.id, lines));
    };
    const logTimer = setInterval(flushLogs, LOG_FLUSH_MS);
    const addLine = (level: LogLineInput['level'], message: string) => {
      if (logCount >= MAX_LOG_LINES) return;
      logCount++;
      const line: LogLineInput = { at: Date.now(), level, message: redactor.text(clip(String(message))) };
      if (logCount === MAX_LOG_LINES) line.message = `(log truncated at ${MAX_LOG_LINES} lines)`;
      pendingLines.push(line);
      deps.onLog(this, line);
    };

    let lastProgressWrite = 0;
    let progressTimer: NodeJS.Timeout | null = null;
    const writeProgress = () => {
      progressTimer = null;
      lastProgressWrite = Date.now();
      const { done, total } = this.progress;
      writes.push(() => store.setProgress(run.id, done, total));
    };

    const warnings: string[] = [];
    const state = await store.getState(task.id).catch((err: unknown): Record<string, unknown> => {
      deps.onStorageError(err);
      return {};
    });
    const dirtyState = new Map<string, unknown>();
    const diagnostics = run.hasDiagnostics;

    const recordingFetch: RecordingFetch = createRecordingFetch({
      record: diagnostics ? (ex: ExchangeInput) => writes.push(() => store.addExchange(run.id, ex)) : null,
      redactor,
      maxBodyBytes: config.diagnostics.maxBodyBytes,
    });
    const ctx: HandlerContext = {
      signal: this.controller.signal,
      progress: (done, total) => {
        if (!Number.isFinite(done)) return;
        this.progress = { done, total: total === undefined ? this.progress.total : total };
        deps.onProgress(this);
        if (progressTimer) return;
        const wait = PROGRESS_WRITE_MS - (Date.now() - lastProgressWrite);
        if (wait <= 0) writeProgress();
        else progressTimer = setTimeout(writeProgress, wait);
      },
      log: (message) => addLine('info', message),
      warn: (message) => {
        warnings.push(redactor.text(clip(String(message))));
        addLine('warn', message);
      },
      fetch: recordingFetch,
      state: {
        get: <T>(key: string) => (dirtyState.has(key) ? dirtyState.get(key) : state[key]) as T | undefined,
        set: (key, value) => void dirtyState.set(key, value),
      },
      task,
      service,
      handler: task.handler,
      runId: run.id,
      trigger: run.trigger,
      secrets: config.secrets,
      limits: { maxBodyBytes: config.diagnostics.maxBodyBytes, stopGraceMs },
    };

    const timeout = setTimeout(() => this.abort({ kind: 'timeout' }), task.timeout);
    let result: { ok: true; value: HandlerResult | void } | { ok: false; error: unknown } | { abandoned: true };
    try {
      const handlerPromise = Promise.resolve()
        .then(() => deps.handlerFor(task)(ctx))
        .then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
      // One second past the grace: a command handler SIGKILLs its child at exactly stopGrace.
      result = await Promise.race([handlerPromise, abandonAfterAbort(this.controller.signal, stopGraceMs + 1_000)]);
    } finally {
      clearTimeout(timeout);
    }

    const end = this.outcomeOf(result, warnings, stopGraceMs);
    if ('abandoned' in result) addLine('error', `the handler did not stop within ${formatDuration(stopGraceMs)} of being asked to; it was abandoned`);
    else if (end.outcome === 'error') addLine('error', end.message ?? 'failed');
    else if (end.outcome === 'cancelled' || end.outcome === 'interrupted') addLine('warn', end.message ?? end.outcome);

    // Exchanges whose bodies the handler never read are recorded now.
    await recordingFetch.settled();
    clearInterval(logTimer);
    if (progressTimer) clearTimeout(progressTimer);
    if (this.progress.done > 0 || this.progress.total !== null) writeProgress();
    flushLogs();
    for (const [key, value] of dirtyState) writes.push(() => store.setState(task.id, key, value, Date.now()));
    await writes.drain();

    return this.finish(end);
  }

  private outcomeOf(
    result: { ok: true; value: HandlerResult | void } | { ok: false; error: unknown } | { abandoned: true },
    warnings: string[],
    stopGraceMs: number,
  ): RunEnd {
    const reason = this.reason;
    const redact = (s: string) => this.deps.redactor.text(clip(s));
    if (reason?.kind === 'timeout') return { outcome: 'error', errorClass: 'network', message: `timed out after ${formatDuration(this.task.timeout)}`, stoppedBy: null };
    if (reason?.kind === 'stop') return { outcome: 'cancelled', errorClass: null, message: `stopped by ${reason.by}`, stoppedBy: reason.by };
    if (reason?.kind === 'lease-lost') return { outcome: 'interrupted', errorClass: null, message: 'lost its lease (the database was unreachable or another instance took the task over)', stoppedBy: null };
    if (reason?.kind === 'shutdown') return { outcome: reason.outcome, errorClass: null, message: reason.why, stoppedBy: null };
    if ('abandoned' in result) return { outcome: 'error', errorClass: 'unknown', message: `the handler did not stop within ${formatDuration(stopGraceMs)}`, stoppedBy: null };
    if (result.ok) {
      const message = result.value && typeof result.value === 'object' && typeof result.value.message === 'string' ? redact(result.value.message) : null;
      if (warnings.length > 0) {
        const summary = warnings.length === 1 ? warnings[0]! : `${warnings.length} warnings; first: ${warnings[0]}`;
        return { outcome: 'warning', errorClass: null, message: message ? `${message} (${summary})` : summary, stoppedBy: null };
      }
      return { outcome: 'success', errorClass: null, message, stoppedBy: null };
    }
    const err = result.error as { message?: unknown } | null;
    const text = typeof err?.message === 'string' && err.message ? err.message : String(result.error);
    return { outcome: 'error', errorClass: errorClassOf(result.error), message: redact(text), stoppedBy: null };
  }

  private async finish(end: RunEnd): Promise<RunRow> {
    const { store, config, instanceId } = this.deps;
    const finishedAt = Date.now();
    const row = await store.getTask(this.task.id);
    const input = {
      taskId: this.task.id,
      runId: this.run.id,
      epoch: this.epoch,
      instanceId,
      finishedAt,
      ...end,
      detailsExpireAt: finishedAt + retentionFor(config.retention, end.outcome, end.errorClass),
      schedule: row ? scheduleAfter(scheduleInputOf(row, this.task), end.outcome, this.run.startedAt, finishedAt) : null,
    };
    await store.finishRun(input);
    return (await store.getRun(this.run.id)) ?? { ...this.run, ...end, finishedAt };
  }
}

export function scheduleInputOf(row: TaskRow, task: TaskConfig | undefined) {
  return {
    intervalMs: row.intervalMs,
    maxIntervalMs: row.maxIntervalMs,
    cron: row.cron,
    retryMs: task?.retryInterval ?? DEFAULT_CRON_RETRY_MS,
    effectiveIntervalMs: row.effectiveIntervalMs,
    failures: row.failures,
    failingSince: row.failingSince,
  };
}

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}

/** Resolves `stopGraceMs` after the signal aborts: the handler had its chance to end. */
function abandonAfterAbort(signal: AbortSignal, stopGraceMs: number): Promise<{ abandoned: true }> {
  return new Promise((resolve) => {
    const arm = () => setTimeout(() => resolve({ abandoned: true }), stopGraceMs).unref();
    if (signal.aborted) arm();
    else signal.addEventListener('abort', arm, { once: true });
  });
}

/** Store writes of a run, in order, without blocking the handler; failures are reported, not thrown. */
class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly onError: (err: unknown) => void) {}
  push(write: () => Promise<unknown>): void {
    this.tail = this.tail.then(write).then(
      () => undefined,
      (err: unknown) => this.onError(err),
    );
  }
  drain(): Promise<void> {
    return this.tail;
  }
}
