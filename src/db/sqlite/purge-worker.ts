// The purge's batches in a worker thread with a connection of its own (docs/ARCHITECTURE.md,
// Storage). A batch is a few milliseconds of SQLite work, but on a busy machine or a slow
// disk one synchronous call can take hundreds: on the event loop that is a frozen
// dashboard, in the worker it is nothing anyone sees. The worker starts with the first
// batch of a purge and ends a few seconds after the last.
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import type { DetailsCutoff } from '../types.js';
import { BUSY_TIMEOUT_MS } from './open.js';
import { PURGE_SQL, purgeBatch } from './queries/retention.js';

/** The worker ends when no batch came for this long. */
const IDLE_MS = 5_000;
/** In the worker a lock wait blocks nobody: it may wait longer than the main connection's. */
const WORKER_BUSY_TIMEOUT_MS = Math.max(BUSY_TIMEOUT_MS, 5_000);

// CommonJS source for an eval worker: better-sqlite3 is loaded from where this module
// resolves it (the bundle keeps it external), and the batch is purgeBatch's own source.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const purgeBatch = ${purgeBatch.toString()};
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = NORMAL');
const s = {};
for (const [name, sql] of Object.entries(workerData.sql)) s[name] = db.prepare(sql);
s.dueWithoutClass.pluck();
s.dueWithClass.pluck();
parentPort.on('message', (m) => {
  try {
    const result = m.kind === 'details' ? purgeBatch(db, s, m.cutoffs, m.now, m.batch) : s.deleteSummaries.run(m.cutoff, m.batch).changes;
    parentPort.postMessage({ id: m.id, result });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: { message: String((error && error.message) || error), code: error && error.code } });
  }
});
`;

type Request =
  | { kind: 'details'; cutoffs: readonly DetailsCutoff[]; now: number; batch: number }
  | { kind: 'summaries'; cutoff: number; batch: number };
type Reply = { id: number; result: number } | { id: number; error: { message: string; code?: string } };

export class PurgeWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(n: number): void; reject(e: Error): void }>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly file: string) {}

  purgeExpiredDetails(cutoffs: readonly DetailsCutoff[], now: number, batch: number): Promise<number> {
    return this.call({ kind: 'details', cutoffs, now, batch });
  }

  deleteSummariesBefore(cutoff: number, batch: number): Promise<number> {
    return this.call({ kind: 'summaries', cutoff, batch });
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private call(request: Request): Promise<number> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker ?? this.start();
    const id = ++this.nextId;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    }).finally(() => {
      if (this.pending.size === 0 && this.worker) this.idleTimer = setTimeout(() => void this.close(), IDLE_MS).unref();
    });
  }

  private start(): Worker {
    const require = createRequire(import.meta.url);
    // Required here, not imported: only a purge needs worker threads, not every start.
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    const driver = require.resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file: this.file, sql: PURGE_SQL, busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else waiting.resolve(reply.result);
    });
    // Only the current worker's end fails the calls waiting: one ended for being idle
    // (close() let go of it first) must not fail the calls of its successor.
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the purge worker ended (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
