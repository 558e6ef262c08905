// 5. Retention: purge() from src/engine/retention.ts over a copy of the 1M database with
// `now` a year ahead, so every run's details have expired; total time and the longest
// event-loop stall while it runs (the dashboard shares that loop).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/db/index.js';
import { purge, PURGE_BATCH } from '../src/engine/retention.js';
import { defaultRetention } from '../src/config/schema.js';
import type { BenchContext } from './lib/context.js';
import { removeDb } from './lib/dataset.js';
import { startStallMonitor, type StallReport } from './lib/loop-stall.js';
import { round } from './lib/stats.js';
import { now, progress, sleep } from './lib/timing.js';

export interface PurgeResult {
  totalMs: number;
  maxStallMs: number;
  stall: StallReport;
  detailsPurged: number;
  summariesDeleted: number;
  logLinesBefore: number;
  logLinesAfter: number;
  batch: number;
  msPerBatch: number;
}

export async function measurePurge(ctx: BenchContext): Promise<PurgeResult> {
  const file = join(ctx.tmpDir, 'purge.db');
  removeDb(file);
  progress('purge: copying the 1M database');
  // The generator leaves the WAL checkpointed and empty, so the main file is the whole database.
  copyFileSync(ctx.million.db, file);
  const count = (sql: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  };
  const logLinesBefore = count('SELECT count(*) FROM run_logs');
  const store = openStore(file);
  try {
    const farFuture = Date.now() + 366 * 86_400_000;
    // historyDays large enough that no summary is deleted: this measures the details purge.
    const historyDays = 36_500;
    progress(`purge: purging the details of ${ctx.million.stats.runs} expired runs`);
    await sleep(50);
    const monitor = startStallMonitor();
    const start = now();
    const report = await purge(store, farFuture, defaultRetention(), historyDays);
    const totalMs = now() - start;
    const stall = monitor.stop();
    const batches = Math.ceil(report.detailsPurged / PURGE_BATCH);
    await store.close();
    return {
      totalMs: Math.round(totalMs),
      maxStallMs: round(stall.maxGapMs),
      stall: { ...stall, maxGapMs: round(stall.maxGapMs), maxDelayMs: round(stall.maxDelayMs), p99DelayMs: round(stall.p99DelayMs) },
      detailsPurged: report.detailsPurged,
      summariesDeleted: report.summariesDeleted,
      logLinesBefore,
      logLinesAfter: count('SELECT count(*) FROM run_logs'),
      batch: PURGE_BATCH,
      msPerBatch: round(totalMs / Math.max(1, batches)),
    };
  } finally {
    await store.close();
    removeDb(file);
  }
}
