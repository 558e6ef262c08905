// 5. Retention: purge() from src/engine/retention.ts over a copy of the 1M database with
// `now` a year ahead, so every run's details have expired; total time and the longest
// event-loop stall while it runs (the dashboard shares that loop). Twice: on the machine
// as it is, and on a copy again while CPU burners (two per core) keep the machine busy.
// Beside each, the same loop doing nothing for 20 s under the same conditions: what the
// machine alone costs. (It was 2 s: under the burners the idle loop's worst gap in 2 s was
// about 16 ms, in 30 s 90 ms, as long as the purge's worst; compare like with like, and the
// gaps over 50 ms per minute of each. BENCHMARKS.md, Where it goes.) The purge usually runs
// longer than the idle window, and the longest gap grows with the time watched: so the
// purge's longest gap is also taken per window as long as the idle one, and its excess
// over the idle loop is the median of those windows' longest gaps minus the idle loop's.
// (Session 9: a purge of 169 s under burners against 20 s of idle loop.)
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../src/db/index.js';
import { purge } from '../src/engine/retention.js';
import { defaultRetention } from '../src/config/schema.js';
import type { BenchContext } from './lib/context.js';
import { startCpuBurners } from './lib/cpu-burners.js';
import { removeDb } from './lib/dataset.js';
import { startStallMonitor, type StallReport } from './lib/loop-stall.js';
import { round } from './lib/stats.js';
import { now, progress, sleep } from './lib/timing.js';

export interface PurgeRun {
  totalMs: number;
  maxStallMs: number;
  stall: StallReport;
  /** The longest stall of the idle loop for IDLE_MS just before, same conditions. */
  idleMaxStallMs: number;
  /** Gaps over 50 ms per minute: the idle loop's (IDLE_MS before) and the purge's. */
  idleGapsOver50PerMin: number;
  gapsOver50PerMin: number;
  /** The purge's longest gap per IDLE_MS window, median over its windows: like for like with idleMaxStallMs. */
  windowStallMs: number;
  /** windowStallMs − idleMaxStallMs: what the purge adds to the loop's worst gap under the same conditions. */
  stallExcessMs: number;
  /** gapsOver50PerMin − idleGapsOver50PerMin. */
  gapsOver50PerMinExcess: number;
  detailsPurged: number;
  summariesDeleted: number;
  batches: number;
  meanBatch: number;
  msPerBatch: number;
}

export interface PurgeResult extends PurgeRun {
  logLinesBefore: number;
  logLinesAfter: number;
  /** The same purge while CPU burners keep every core busy. */
  busy: PurgeRun & { burners: number };
}

const IDLE_MS = 20_000;

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Counts the store's purge batches and the rows they asked for. */
function countingBatches(store: Store) {
  const stats = { batches: 0, asked: 0 };
  const purgeExpiredDetails: Store['purgeExpiredDetails'] = (cutoffs, at, batch) => {
    stats.batches++;
    stats.asked += batch;
    return store.purgeExpiredDetails(cutoffs, at, batch);
  };
  return { store: Object.assign(Object.create(store) as Store, { purgeExpiredDetails }), stats };
}

async function purgeCopy(ctx: BenchContext, file: string): Promise<PurgeRun> {
  removeDb(file);
  copyFileSync(ctx.million.db, file);
  const idle = startStallMonitor();
  await sleep(IDLE_MS);
  const idleStall = idle.stop();
  const idleMaxStallMs = round(idleStall.maxGapMs);
  const idleGapsOver50PerMin = round((idleStall.gapsOver50Ms * 60_000) / IDLE_MS);
  const opened = openStore(file);
  const { store, stats } = countingBatches(opened);
  try {
    const farFuture = Date.now() + 366 * 86_400_000;
    // historyDays large enough that no summary is deleted: this measures the details purge.
    const historyDays = 36_500;
    await sleep(50);
    const monitor = startStallMonitor(IDLE_MS);
    const start = now();
    const report = await purge(store, farFuture, defaultRetention(), historyDays);
    const totalMs = now() - start;
    const stall = monitor.stop();
    const windows = [...stall.windowMaxGapsMs].sort((a, b) => a - b);
    const windowStallMs = round(windows[Math.floor((windows.length - 1) / 2)]!);
    const gapsOver50PerMin = round((stall.gapsOver50Ms * 60_000) / Math.max(1, totalMs));
    return {
      totalMs: Math.round(totalMs),
      maxStallMs: round(stall.maxGapMs),
      stall: {
        ...stall,
        maxGapMs: round(stall.maxGapMs),
        maxDelayMs: round(stall.maxDelayMs),
        p99DelayMs: round(stall.p99DelayMs),
        windowMaxGapsMs: stall.windowMaxGapsMs.map(round),
      },
      idleMaxStallMs,
      idleGapsOver50PerMin,
      gapsOver50PerMin,
      windowStallMs,
      stallExcessMs: round(windowStallMs - idleMaxStallMs),
      gapsOver50PerMinExcess: round(gapsOver50PerMin - idleGapsOver50PerMin),
      detailsPurged: report.detailsPurged,
      summariesDeleted: report.summariesDeleted,
      batches: stats.batches,
      meanBatch: Math.round(stats.asked / Math.max(1, stats.batches)),
      msPerBatch: round(totalMs / Math.max(1, stats.batches)),
    };
  } finally {
    await opened.close();
  }
}

export async function measurePurge(ctx: BenchContext): Promise<PurgeResult> {
  const file = join(ctx.tmpDir, 'purge.db');
  try {
    progress(`purge: the details of ${ctx.million.stats.runs} expired runs, on a copy of the 1M database`);
    // The generator leaves the WAL checkpointed and empty, so the main file is the whole database.
    const logLinesBefore = count(ctx.million.db, 'SELECT count(*) FROM run_logs');
    const quiet = await purgeCopy(ctx, file);
    const logLinesAfter = count(file, 'SELECT count(*) FROM run_logs');
    const burners = startCpuBurners();
    progress(`purge: again, with ${burners.count} CPU burners running`);
    let busy: PurgeRun;
    try {
      busy = await purgeCopy(ctx, file);
    } finally {
      await burners.stop();
    }
    return { ...quiet, logLinesBefore, logLinesAfter, busy: { ...busy, burners: burners.count } };
  } finally {
    removeDb(file);
  }
}
