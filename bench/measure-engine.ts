// 4. Engine throughput: no-op runs through the full path (runNow: visibility check, lease
// + run row in one transaction, handler, log line, finish, lease release; waitForRun) on
// a fresh database, beside raw single-row autocommit INSERTs on the same file.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Handler } from '../src/engine/handlers/types.js';
import type { BenchContext } from './lib/context.js';
import { countingStore, WRITE_METHODS, type CallCounts } from './lib/counting-store.js';
import { removeDb } from './lib/dataset.js';
import { openEngine, type BenchEngine } from './lib/engine-harness.js';
import { median, round } from './lib/stats.js';
import { now, progress } from './lib/timing.js';

const SECONDS = Number(process.env.BENCH_ENGINE_SECONDS ?? 6);
/** The raw rate swings with WAL checkpoints: the median of a few windows. */
const RAW_WINDOWS = 5;
const RAW_WINDOW_SECONDS = 0.6;

export interface EngineMode {
  concurrency: number;
  runs: number;
  seconds: number;
  runsPerSec: number;
  /** Store calls per run, by method (periodic lease renewals included). */
  callsPerRun: Record<string, number>;
  writesPerRun: number;
}

export interface EngineResult {
  sequential: EngineMode;
  concurrent: EngineMode;
  rawInsertsPerSec: number;
  /** Inserts per second in each measured window (the median is rawInsertsPerSec). */
  rawInsertWindows: number[];
  runsPerSec: number;
  writesPerRun: number;
  ratioToRawInserts: number;
  /** ratioToRawInserts × writesPerRun: the share of the raw write rate the engine reaches per write it needs. */
  ratioTimesWrites: number;
  tasks: number;
}

const noop: Handler = async (ctx) => {
  ctx.log('no-op');
};

async function drive(
  b: BenchEngine,
  counts: CallCounts,
  taskIds: string[],
  concurrency: number,
  seconds: number,
): Promise<EngineMode> {
  let next = 0;
  let runs = 0;
  const worker = async (deadline: number) => {
    while (now() < deadline) {
      const id = taskIds[next++ % taskIds.length]!;
      const started = await b.engine.runNow(id);
      const done = await b.engine.waitForRun(started.id);
      if (done.outcome !== 'success') throw new Error(`no-op run ${done.id} ended ${done.outcome}: ${done.message}`);
      runs++;
    }
  };
  // Warm up (JIT, page cache), then measure.
  const warm = now() + 500;
  await Promise.all(Array.from({ length: concurrency }, () => worker(warm)));
  counts.reset();
  runs = 0;
  const start = now();
  const deadline = start + seconds * 1_000;
  await Promise.all(Array.from({ length: concurrency }, () => worker(deadline)));
  const elapsed = (now() - start) / 1_000;
  const calls = counts.snapshot();
  const perRun = Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, round(v / runs)]));
  const writes = Object.entries(calls)
    .filter(([k]) => WRITE_METHODS.has(k))
    .reduce((sum, [, v]) => sum + v, 0);
  return {
    concurrency,
    runs,
    seconds: round(elapsed),
    runsPerSec: round(runs / elapsed),
    callsPerRun: perRun,
    writesPerRun: round(writes / runs),
  };
}

/** Single-row INSERTs, each its own transaction, with syncdeck's pragmas (WAL, synchronous=NORMAL). */
function rawInsertRate(file: string): { median: number; windows: number[] } {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(
      'CREATE TABLE IF NOT EXISTS bench_raw_insert (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, payload TEXT NOT NULL)',
    );
    const insert = db.prepare('INSERT INTO bench_raw_insert (at, payload) VALUES (?, ?)');
    for (let i = 0; i < 1_000; i++) insert.run(i, 'warm-up');
    const windows: number[] = [];
    for (let w = 0; w < RAW_WINDOWS; w++) {
      let n = 0;
      const start = now();
      const deadline = start + RAW_WINDOW_SECONDS * 1_000;
      while (now() < deadline) {
        for (let i = 0; i < 100; i++) insert.run(Date.now(), 'a row of about the size of a log line');
        n += 100;
      }
      windows.push(Math.round(n / ((now() - start) / 1_000)));
    }
    db.exec('DROP TABLE bench_raw_insert');
    return { median: median(windows), windows };
  } finally {
    db.close();
  }
}

export async function measureEngine(ctx: BenchContext): Promise<EngineResult> {
  const file = join(ctx.tmpDir, 'engine.db');
  removeDb(file);
  let counts!: CallCounts;
  const b = await openEngine(file, ctx.million.config, {
    handler: noop,
    start: true,
    wrapStore: (s) => {
      const c = countingStore(s);
      counts = c.counts;
      return c.store;
    },
  });
  let sequential: EngineMode;
  let concurrent: EngineMode;
  const taskIds = b.config.tasks.map((t) => t.id);
  try {
    const concurrency = b.config.engine.maxConcurrentRuns;
    progress(`engine: no-op runs back to back for ${SECONDS} s`);
    sequential = await drive(b, counts, taskIds, 1, SECONDS);
    progress(`engine: no-op runs ${concurrency} at a time for ${SECONDS} s`);
    concurrent = await drive(b, counts, taskIds, concurrency, SECONDS);
  } finally {
    await b.close();
  }
  progress(`engine: raw single-row inserts (${RAW_WINDOWS} × ${RAW_WINDOW_SECONDS} s)`);
  const raw = rawInsertRate(file);
  const rawInsertsPerSec = raw.median;
  const best = concurrent.runsPerSec >= sequential.runsPerSec ? concurrent : sequential;
  const ratio = best.runsPerSec / rawInsertsPerSec;
  return {
    sequential,
    concurrent,
    rawInsertsPerSec: Math.round(rawInsertsPerSec),
    rawInsertWindows: raw.windows,
    runsPerSec: best.runsPerSec,
    writesPerRun: best.writesPerRun,
    ratioToRawInserts: Number(ratio.toPrecision(3)),
    ratioTimesWrites: Number((ratio * best.writesPerRun).toPrecision(3)),
    tasks: taskIds.length,
  };
}
