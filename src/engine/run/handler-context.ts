// The context a handler gets (docs/ARCHITECTURE.md, Handlers and diagnostics): the abort
// signal, progress, log and warnings, a recording fetch and HTTP client, per-task state, and the settings.
import type { LoadedConfig } from '../../config/load.js';
import type { ServiceConfig, TaskConfig } from '../../config/schema.js';
import type { RunRow } from '../../db/types.js';
import type { RunRecorder } from '../diagnostics/run-recorder.js';
import type { HandlerContext } from '../handlers/types.js';
import type { LogBuffer } from './log-buffer.js';
import type { ProgressWriter } from './progress-writer.js';

/** Per-task state: read at the start of the run, changes kept in memory and saved when it ends. */
export class RunState {
  readonly changed = new Map<string, unknown>();
  constructor(private readonly stored: Record<string, unknown>) {}
  get<T>(key: string): T | undefined {
    return (this.changed.has(key) ? this.changed.get(key) : this.stored[key]) as T | undefined;
  }
  set(key: string, value: unknown): void {
    this.changed.set(key, value);
  }
}

export function handlerContext(parts: {
  run: RunRow;
  task: TaskConfig;
  config: LoadedConfig;
  signal: AbortSignal;
  log: LogBuffer;
  warnings: string[];
  clean: (text: string) => string;
  progress: ProgressWriter;
  requests: RunRecorder;
  state: RunState;
}): HandlerContext {
  const { run, task, config, log, progress, state } = parts;
  const service = config.services.find((s) => s.id === task.service) as ServiceConfig;
  return {
    signal: parts.signal,
    progress: (done, total) => progress.set(done, total),
    log: (message) => log.add('info', message),
    warn: (message) => {
      parts.warnings.push(parts.clean(String(message)));
      log.add('warn', message);
    },
    fetch: parts.requests.fetch,
    http: parts.requests.http,
    state: { get: (key) => state.get(key), set: (key, value) => state.set(key, value) },
    task,
    service,
    handler: task.handler,
    runId: run.id,
    trigger: run.trigger,
    secrets: config.secrets,
    limits: { maxBodyBytes: config.diagnostics.maxBodyBytes, stopGraceMs: config.engine.stopGrace },
  };
}
