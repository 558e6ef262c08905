// The contract between the engine and a handler (docs/ARCHITECTURE.md, Handlers and diagnostics).
import type { ErrorClass } from '../types.js';
import type { HandlerConfig } from '../../config/handlers.js';
import type { ServiceConfig, TaskConfig } from '../../config/schema.js';
import type { HttpClient } from '../http-client/types.js';

export interface TaskStateStore {
  get<T = unknown>(key: string): T | undefined;
  /** Kept in memory during the run and saved when the run ends (also when it fails). */
  set(key: string, value: unknown): void;
}

export interface HandlerContext {
  signal: AbortSignal;
  progress(done: number, total?: number | null): void;
  log(message: string): void;
  warn(message: string): void;
  /**
   * fetch that records each exchange for the diagnostics (when they are on) with secrets
   * redacted: for module handlers. Made with its first call, so undici loads only then.
   */
  fetch: typeof fetch;
  /**
   * One exchange over node:http / node:https, recorded like `fetch`: what the built-in http
   * handler uses (half fetch's CPU per request, no undici; src/engine/http-client/).
   */
  http: HttpClient;
  state: TaskStateStore;
  task: TaskConfig;
  service: ServiceConfig;
  handler: HandlerConfig;
  runId: number;
  trigger: 'schedule' | 'manual';
  /** Secret values resolved from ${ENV}: a handler that writes its own diagnostics must redact them. */
  secrets: readonly string[];
  /** Limits the engine applies, for handlers that stream bodies. */
  limits: { maxBodyBytes: number; stopGraceMs: number };
}

/** What a handler may return; warnings logged with ctx.warn also make the run a `warning`. */
export interface HandlerResult {
  message?: string;
}

export type Handler = (ctx: HandlerContext) => Promise<HandlerResult | void>;

/** Thrown by a handler to fail the run with a class (which decides how long details are kept). */
export class TaskError extends Error {
  override readonly name = 'TaskError';
  constructor(
    readonly errorClass: ErrorClass,
    message: string,
  ) {
    super(message);
  }
}

/** The class of anything a handler threw: TaskError's, an `errorClass` property set by a module, else unknown. */
export function errorClassOf(err: unknown): ErrorClass {
  const c =
    (err as { errorClass?: unknown; class?: unknown } | null)?.errorClass ?? (err as { class?: unknown } | null)?.class;
  return c === 'network' || c === 'auth' || c === 'recognized' || c === 'unknown' ? c : 'unknown';
}
