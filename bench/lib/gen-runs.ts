// Writes the runs of a generated dataset with raw better-sqlite3 prepared statements in
// large transactions (the schema itself was created by syncdeck's migrations). Runs are
// written in start order, so ids grow with start time as they do in real use.
import Database from 'better-sqlite3';
import type { LoadedConfig } from '../../src/config/load.js';
import { encodeRecent, RECENT_MAX, type RecentEntry } from '../../src/db/recent.js';
import {
  defaultMaxInterval,
  DEFAULT_CRON_RETRY_MS,
  scheduleAfter,
  type ScheduleInput,
} from '../../src/engine/schedule.js';
import { retentionFor } from '../../src/engine/retention.js';
import type { BenchDefinitions } from './gen-definitions.js';
import { genInstances } from './gen-instances.js';
import { durationOf, outagesOf, runEnd } from './gen-outcomes.js';
import { exchangeText, nounOf, pathOf } from './gen-text.js';
import { createRng } from './random.js';

export interface RunGenOptions {
  runs: number;
  now: number;
  days: number;
  seed: number;
  /** Employees who start manual runs (the benchmark's own user among them). */
  users: readonly string[];
  /** Share of runs started by hand (these record diagnostics). */
  manualShare?: number;
}

export interface RunGenStats {
  runs: number;
  logLines: number;
  exchanges: number;
  outcomes: Record<string, number>;
  expiredDetails: number;
}

const BATCH = 20_000;

interface TaskSim {
  id: string;
  service: string;
  type: string;
  schedule: ScheduleInput;
  epoch: number;
  lastRunId: number | null;
  lastFinishedAt: number | null;
  nextRunAt: number | null;
  /** The task's ring of recent outcomes, as finishRun keeps it (src/db/recent.ts). */
  recent: RecentEntry[];
}

function simsOf(defs: BenchDefinitions, config: LoadedConfig): TaskSim[] {
  return config.tasks
    .map((t) => ({
      id: t.id,
      service: t.service,
      type: t.type,
      schedule: {
        intervalMs: t.interval ?? null,
        maxIntervalMs: t.interval === undefined ? null : (t.maxInterval ?? defaultMaxInterval(t.interval)),
        cron: t.schedule ?? null,
        retryMs: t.retryInterval ?? DEFAULT_CRON_RETRY_MS,
        effectiveIntervalMs: t.interval ?? null,
        failures: 0,
        failingSince: null,
        interruptions: 0,
      },
      epoch: 0,
      lastRunId: null,
      lastFinishedAt: null,
      nextRunAt: null,
      recent: [],
    }))
    .filter((s) => defs.tasks.some((d) => d.id === s.id));
}

/** Picks tasks in proportion to their weight (binary search over cumulative weights). */
function weightedPicker(defs: BenchDefinitions, next: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const t of defs.tasks) cumulative.push((sum += t.weight));
  return () => {
    const x = next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

export function writeRuns(
  file: string,
  defs: BenchDefinitions,
  config: LoadedConfig,
  opts: RunGenOptions,
): RunGenStats {
  const rng = createRng(opts.seed);
  const from = opts.now - opts.days * 86_400_000;
  const to = opts.now - 120_000;
  const step = (to - from) / Math.max(1, opts.runs);
  const sims = simsOf(defs, config);
  const pick = weightedPicker(defs, () => rng.next());
  const outages = outagesOf(defs, opts.now);
  const instances = genInstances(from, opts.now - 60_000, opts.users);
  const manualShare = opts.manualShare ?? 0.03;
  const stats: RunGenStats = { runs: 0, logLines: 0, exchanges: 0, outcomes: {}, expiredDetails: 0 };

  const db = new Database(file);
  // Generation only: nothing here needs to survive a crash, and the cache keeps the indexes hot.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = OFF');
  const firstId = ((db.prepare('SELECT max(id) AS m FROM runs').get() as { m: number | null }).m ?? 0) + 1;

  const insertInstance = db.prepare(
    'INSERT OR REPLACE INTO instances (id, user, host, pid, kind, started_at, heartbeat_at, stopped_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRun = db.prepare(
    `INSERT INTO runs (id, task_id, service_id, task_type, trigger, started_by, instance_id, epoch, started_at, finished_at,
       outcome, error_class, message, progress_done, progress_total, stopped_by, has_diagnostics, details_expire_at, details_purged_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const insertLog = db.prepare('INSERT INTO run_logs (run_id, at, level, message) VALUES (?, ?, ?, ?)');
  const insertExchange = db.prepare(
    `INSERT INTO run_exchanges (run_id, at, method, url, request_headers, request_body, status, response_headers, response_body, error, duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateTask = db.prepare(
    `UPDATE tasks SET last_run_id = ?, last_finished_at = ?, next_run_at = ?, effective_interval_ms = ?, failures = ?,
       failing_since = ?, lease_epoch = ?, recent = ? WHERE id = ?`,
  );

  const writeBatch = db.transaction((start: number, end: number) => {
    for (let i = start; i < end; i++) {
      const id = firstId + i;
      const sim = sims[pick()]!;
      const startedAt = Math.round(from + i * step + rng.next() * step * 0.9);
      const end = runEnd(rng, outages, sim, startedAt, opts.users);
      const finishedAt = startedAt + durationOf(rng, end, sim.type);
      const manual = rng.next() < manualShare;
      const by = manual ? rng.pick(opts.users) : 'scheduler';
      const instance = manual ? instances.uiOf(by).id : instances.engineAt(startedAt).id;
      const total = end.outcome === 'error' ? null : end.items;
      const expireAt = finishedAt + retentionFor(config.retention, end.outcome, end.errorClass);
      sim.epoch++;
      insertRun.run(
        id,
        sim.id,
        sim.service,
        sim.type,
        manual ? 'manual' : 'schedule',
        by,
        instance,
        sim.epoch,
        startedAt,
        finishedAt,
        end.outcome,
        end.errorClass,
        end.message,
        total,
        total,
        end.stoppedBy,
        manual ? 1 : 0,
        expireAt,
      );
      stats.outcomes[end.errorClass ? `error/${end.errorClass}` : end.outcome] =
        (stats.outcomes[end.errorClass ? `error/${end.errorClass}` : end.outcome] ?? 0) + 1;
      if (expireAt <= opts.now) stats.expiredDetails++;

      insertLog.run(id, startedAt + 3, 'info', `GET ${pathOf(sim.type)} page 1`);
      stats.logLines++;
      if (end.outcome === 'success' || end.outcome === 'warning') {
        insertLog.run(id, finishedAt - 2, 'info', `received ${end.items} ${nounOf(sim.type)}`);
        stats.logLines++;
      }
      if (end.outcome !== 'success') {
        insertLog.run(id, finishedAt - 1, end.outcome === 'error' ? 'error' : 'warn', end.message ?? end.outcome);
        stats.logLines++;
      }
      if (manual) {
        const pages = end.items > 60 && end.errorClass === null ? 2 : 1;
        for (let page = 1; page <= pages; page++) {
          const ex = exchangeText(sim.type, page, end.items, end.errorClass, end.message);
          insertExchange.run(
            id,
            startedAt + page * 10,
            ex.method,
            ex.url,
            ex.requestHeaders,
            ex.requestBody,
            ex.status,
            ex.responseHeaders,
            ex.responseBody,
            ex.error,
            rng.int(20, 800),
          );
          stats.exchanges++;
        }
      }
      const next = scheduleAfter(sim.schedule, end.outcome, startedAt, finishedAt);
      sim.schedule = {
        ...sim.schedule,
        effectiveIntervalMs: next.effectiveIntervalMs,
        failures: next.failures,
        failingSince: next.failingSince,
      };
      sim.lastRunId = id;
      sim.lastFinishedAt = finishedAt;
      sim.recent.push({ runId: id, outcome: end.outcome, durationMs: finishedAt - startedAt });
      if (sim.recent.length > 2 * RECENT_MAX) sim.recent.splice(0, sim.recent.length - RECENT_MAX);
      sim.nextRunAt = next.nextRunAt;
    }
  });

  try {
    db.transaction(() => {
      for (const inst of instances.all) {
        insertInstance.run(
          inst.id,
          inst.user,
          inst.host,
          inst.pid,
          inst.kind,
          inst.startedAt,
          inst.stoppedAt,
          inst.stoppedAt,
        );
      }
    })();
    for (let start = 0; start < opts.runs; start += BATCH) writeBatch(start, Math.min(opts.runs, start + BATCH));
    stats.runs = opts.runs;
    db.transaction(() => {
      for (const s of sims) {
        if (s.lastRunId === null) continue;
        updateTask.run(
          s.lastRunId,
          s.lastFinishedAt,
          s.nextRunAt,
          s.schedule.effectiveIntervalMs,
          s.schedule.failures,
          s.schedule.failingSince,
          s.epoch,
          encodeRecent(s.recent),
          s.id,
        );
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return stats;
}
