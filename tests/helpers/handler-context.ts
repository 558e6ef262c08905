// A HandlerContext for handler tests: collects progress, log lines, warnings and the
// recorded exchanges, keeps the task state in a Map, and lets a test wait for a line.
import { handlerSchema, type HandlerConfigInput } from '../../src/config/handlers.js';
import type { ServiceConfig, TaskConfig } from '../../src/config/schema.js';
import type { ExchangeInput } from '../../src/db/types.js';
import { createConfigRedactor } from '../../src/engine/diagnostics/redact.js';
import { createRunRecorder } from '../../src/engine/diagnostics/run-recorder.js';
import { handlerFor } from '../../src/engine/handlers/index.js';
import type { HandlerContext, HandlerResult } from '../../src/engine/handlers/types.js';

export interface HarnessOptions {
  handler: HandlerConfigInput;
  service?: Partial<ServiceConfig>;
  /** Values that came from ${ENV}: redacted in the diagnostics. */
  secrets?: string[];
  state?: Record<string, unknown>;
  maxBodyBytes?: number;
  stopGraceMs?: number;
  /** Record exchanges (on by default). */
  diagnostics?: boolean;
}

export interface Harness {
  ctx: HandlerContext;
  controller: AbortController;
  progress: { done: number; total: number | null | undefined }[];
  logs: string[];
  warnings: string[];
  exchanges: ExchangeInput[];
  state: Map<string, unknown>;
  /** Runs the handler for the context's kind; waits for every exchange to be recorded. */
  run(): Promise<HandlerResult | void>;
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(match: RegExp): Promise<string>;
}

export function harness(options: HarnessOptions): Harness {
  const handler = handlerSchema.parse(options.handler);
  const service: ServiceConfig = { id: 'svc', name: 'Test service', ...options.service };
  const task = {
    id: 'task',
    name: 'Test task',
    type: 'calls',
    service: service.id,
    role: 'reception',
    interval: 60_000,
    timeout: 60_000,
    diagnostics: 'always',
    enabled: true,
    alerts: true,
    handler,
  } satisfies TaskConfig;
  const secrets = options.secrets ?? [];
  const progress: Harness['progress'] = [];
  const logs: string[] = [];
  const warnings: string[] = [];
  const exchanges: ExchangeInput[] = [];
  const state = new Map(Object.entries(options.state ?? {}));
  const waiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  const addLog = (line: string) => {
    logs.push(line);
    for (const w of [...waiters]) {
      if (w.match.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  const controller = new AbortController();
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const requests = createRunRecorder({
    record: options.diagnostics === false ? null : (ex) => exchanges.push(ex),
    redactor: createConfigRedactor({ secrets, services: [service] }),
    maxBodyBytes,
  });
  const ctx: HandlerContext = {
    signal: controller.signal,
    progress: (done, total) => void progress.push({ done, total }),
    log: addLog,
    warn: (message) => void warnings.push(message),
    fetch: requests.fetch,
    http: requests.http,
    state: {
      get: <T>(key: string) => state.get(key) as T | undefined,
      set: (key, value) => void state.set(key, value),
    },
    task,
    service,
    handler,
    runId: 1,
    trigger: 'manual',
    secrets,
    limits: { maxBodyBytes, stopGraceMs: options.stopGraceMs ?? 5_000 },
  };
  return {
    ctx,
    controller,
    progress,
    logs,
    warnings,
    exchanges,
    state,
    async run() {
      try {
        return await handlerFor(handler)(ctx);
      } finally {
        await requests.settled();
      }
    },
    waitForLog(match) {
      const seen = logs.find((l) => match.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

/** The rejection of `promise`, for asserting on a TaskError's class and message. */
export async function failure(promise: Promise<unknown>): Promise<Error & { errorClass?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { errorClass?: string };
  }
  throw new Error('expected the handler to fail, but it succeeded');
}
