// The purge's batches in a worker thread with a connection of its own (docs/ARCHITECTURE.md,
// Storage). A batch is a few milliseconds of SQLite work, but on a busy machine or a slow
// disk one synchronous call can take hundreds: on the event loop that is a frozen
// dashboard, in the worker it is nothing anyone sees. The worker starts with the first
// batch of a purge and ends a few seconds after the last.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import type { DetailsCutoff } from '../types.js';
import { BUSY_TIMEOUT_MS } from './open.js';
import { PURGE_SQL, purgeBatch } from './queries/retention.js';

/**
 * The worker thread's nice (Linux): below the dashboard's event loop, so on a machine with
 * more runnable threads than cores the loop that draws gets the CPU first, and the purge
 * takes what is left (BENCHMARKS.md, Where it goes, Session 9).
 */
const WORKER_NICE = workerNice(process.env.SYNCDECK_PURGE_NICE);

/** SYNCDECK_PURGE_NICE (0–19; docs/operations.md), or 10. */
export function workerNice(value: string | undefined): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 19 ? n : 10;
}
/** Linux tells a thread's CPU time in /proc/thread-self/schedstat; the worker reads its own. */
const THREAD_CPU_KNOWN = existsSync('/proc/thread-self/schedstat');
/** The worker ends when no batch came for this long. */
const IDLE_MS = 5_000;
/** In the worker a lock wait blocks nobody: it may wait longer than the main connection's. */
const WORKER_BUSY_TIMEOUT_MS = Math.max(BUSY_TIMEOUT_MS, 5_000);

// CommonJS source for an eval worker: better-sqlite3 is loaded from where this module
// resolves it (the bundle keeps it external), and the batch is purgeBatch's own source.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync, readlinkSync } = require('node:fs');
const Database = require(workerData.driver);
const purgeBatch = ${purgeBatch.toString()};
// This thread's CPU time in ms (Linux: schedstat's first field, ns on a CPU), or NaN.
const cpuMs = () => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
};
// Linux renices a thread by its id: this thread only, never the dashboard's.
if (workerData.nice > 0) {
  try {
    require('node:os').setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), workerData.nice);
  } catch {}
}
const db = new Database(workerData.file, { fileMustExist: true, timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = NORMAL');
const s = {};
for (const [name, sql] of Object.entries(workerData.sql)) s[name] = db.prepare(sql);
s.dueWithoutClass.pluck();
s.dueWithClass.pluck();
const slots = new Int32Array(workerData.answers, 0, 2 * workerData.slots);
const cpu = new Float64Array(workerData.answers, 8 * workerData.slots, workerData.slots);
parentPort.on('message', (m) => {
  try {
    const before = cpuMs();
    const result = m.kind === 'details' ? purgeBatch(db, s, m.cutoffs, m.now, m.batch) : s.deleteSummaries.run(m.cutoff, m.batch).changes;
    const slot = m.id % workerData.slots;
    cpu[slot] = cpuMs() - before;
    Atomics.store(slots, 2 * slot + 1, result);
    Atomics.store(slots, 2 * slot, m.id);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: { message: String((error && error.message) || error), code: error && error.code } });
  }
});
`;

type Request =
  | { kind: 'details'; cutoffs: readonly DetailsCutoff[]; now: number; batch: number }
  | { kind: 'summaries'; cutoff: number; batch: number };
type Failure = { id: number; error: { message: string; code?: string } };

/**
 * A batch's answer comes through shared memory, read by a timer on the event loop, and
 * not as a message: Node's MessagePort wakes the receiving thread while it still holds
 * the queue's lock, so a worker the scheduler sets aside right after (it runs below the
 * loop's priority, on a busy machine it waits tens of ms for a CPU) kept the event loop
 * blocked on that lock all that time (BENCHMARKS.md, Where it goes, Session 9). Each
 * call has a slot (its id modulo SLOTS): [id, result] in Int32s, its CPU ms in a Float64.
 */
const SLOTS = 64;
/** The first look at a batch's slot, then at twice the wait each time up to the last. */
const FIRST_LOOK_MS = 1;
const LAST_LOOK_MS = 8;

export class PurgeWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(n: number): void; reject(e: Error): void }>();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private batchCpuMs = 0;
  private readonly answers = new SharedArrayBuffer(SLOTS * 16);
  private readonly slots = new Int32Array(this.answers, 0, 2 * SLOTS);
  private readonly cpu = new Float64Array(this.answers, 8 * SLOTS, SLOTS);

  constructor(private readonly file: string) {}

  /** The worker thread's CPU time in the batches so far (ms); null where the system does not tell. */
  cpuMs(): number | null {
    return THREAD_CPU_KNOWN ? this.batchCpuMs : null;
  }

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
      this.look(id, FIRST_LOOK_MS);
    }).finally(() => {
      if (this.pending.size === 0 && this.worker) this.idleTimer = setTimeout(() => void this.close(), IDLE_MS).unref();
    });
  }

  /** Resolves call `id` once its slot holds its answer; a failure comes as a message instead. */
  private look(id: number, waitMs: number): void {
    setTimeout(() => {
      const waiting = this.pending.get(id);
      if (!waiting) return;
      const slot = id % SLOTS;
      if (Atomics.load(this.slots, 2 * slot) !== id) return this.look(id, Math.min(waitMs * 2, LAST_LOOK_MS));
      this.pending.delete(id);
      this.batchCpuMs += this.cpu[slot]!;
      waiting.resolve(Atomics.load(this.slots, 2 * slot + 1));
    }, waitMs);
  }

  private start(): Worker {
    const require = createRequire(import.meta.url);
    // Required here, not imported: only a purge needs worker threads, not every start.
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    const driver = require.resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver,
        file: this.file,
        sql: PURGE_SQL,
        busyTimeoutMs: WORKER_BUSY_TIMEOUT_MS,
        nice: WORKER_NICE,
        answers: this.answers,
        slots: SLOTS,
      },
    });
    worker.unref();
    worker.on('message', (reply: Failure) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
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
