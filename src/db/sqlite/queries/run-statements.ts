// The statements every run executes (its start, its log, its end, reading it back), prepared
// once per connection with placeholders: building the SQL with drizzle and having SQLite
// prepare it again on every call was most of a short run's cost (BENCHMARKS.md, Engine).
// Rare paths (taking over an expired lease, a fenced-out end, alerts) stay plain queries.
// The start and the end each write the task row once (docs/ARCHITECTURE.md, Leases).
import type { Statement } from 'better-sqlite3';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { RunRow, ScheduleState, Trigger } from '../../types.js';
import type { StartCheckRow } from '../../start-check.js';
import { runs, taskState } from '../schema.js';
import type { Db } from './db.js';
import { lazyStatementsFor } from './prepared.js';
import { rawRows } from './raw-rows.js';

/** A placeholder usable where drizzle wants an SQL value (an UPDATE's SET, an expression). */
const p = (name: string): SQL => sql`${sql.placeholder(name)}`;

/** Which of the schedule's columns a run's end writes: none, all but interruptions, or all. */
export type ScheduleShape = 'none' | 'plain' | 'interruptions';

export function scheduleShape(s: ScheduleState | null): ScheduleShape {
  if (!s) return 'none';
  return s.interruptions === undefined ? 'plain' : 'interruptions';
}

/** The row a run's end reads under the write lock: the lease (the fence), the ring, the run's start and state. */
export interface FinishRead {
  leaseEpoch: number;
  leaseOwner: string | null;
  recent: string;
  failingSince: number | null;
  runStartedAt: number | null;
  runOutcome: string | null;
}

/**
 * Ends the lease and records the run's end on the task; the caller has seen under the lock
 * that the epoch still matches (the WHERE says it again). Plain SQL: the ring comes
 * computed (src/db/recent.ts withRecent), so the statement has nothing drizzle builds.
 */
function releaseStatement(db: Db, shape: ScheduleShape): Statement {
  const schedule =
    shape === 'none'
      ? ''
      : `, effective_interval_ms = @effectiveIntervalMs, failures = @failures, failing_since = @failingSince,
         next_run_at = @nextRunAt${shape === 'interruptions' ? ', interruptions = @interruptions' : ''}`;
  return db.raw.prepare(
    `UPDATE tasks SET lease_owner = NULL, lease_expires_at = NULL, lease_run_id = NULL, stop_requested_by = NULL,
       stop_requested_at = NULL, last_finished_at = @finishedAt, last_outcome = @outcome, recent = @recent${schedule}
     WHERE id = @taskId AND lease_epoch = @epoch AND lease_owner = @instanceId`,
  );
}

/** The task row as a start reads it. */
export interface StartTaskRow extends StartCheckRow {
  serviceId: string;
  type: string;
  leaseEpoch: number;
}

/** What a start writes into its new run row. */
export interface NewRunValues {
  taskId: string;
  serviceId: string;
  taskType: string;
  trigger: Trigger;
  startedBy: string;
  instanceId: string;
  epoch: number;
  startedAt: number;
  hasDiagnostics: boolean;
}

/** Whole run rows from raw arrays (raw-rows.ts); `columns` is the RETURNING list in their order. */
const runRows = (() => {
  const r = rawRows(runs);
  return { ...r, columns: r.select.slice('SELECT '.length, r.select.indexOf(' FROM ')) };
})();

export const runStatements = lazyStatementsFor({
  /** What a start needs of the task row (src/db/start-check.ts, and the run's service and type): not all 30 columns. */
  task: (db: Db) => {
    const stmt = db.raw.prepare(
      `SELECT service_id, type, lease_owner, lease_expires_at, lease_run_id, lease_epoch, paused, enabled, in_config,
         next_run_at FROM tasks WHERE id = ?`,
    );
    stmt.raw();
    return {
      get(id: string): StartTaskRow | undefined {
        const r = stmt.get(id) as
          | [string, string, string | null, number | null, number | null, number, number, number, number, number | null]
          | undefined;
        if (!r) return undefined;
        return {
          serviceId: r[0],
          type: r[1],
          leaseOwner: r[2],
          leaseExpiresAt: r[3],
          leaseRunId: r[4],
          leaseEpoch: r[5],
          paused: r[6] !== 0,
          enabled: r[7] !== 0,
          inConfig: r[8] !== 0,
          nextRunAt: r[9],
        };
      },
    };
  },
  /** A new run, `running`, returned whole (the columns in runRows' order). */
  insertRun: (db: Db) => {
    const stmt = db.raw.prepare(
      `INSERT INTO runs (task_id, service_id, task_type, "trigger", started_by, instance_id, epoch, started_at, outcome,
         has_diagnostics)
       VALUES (@taskId, @serviceId, @taskType, @trigger, @startedBy, @instanceId, @epoch, @startedAt, 'running',
         @hasDiagnostics)
       RETURNING ${runRows.columns}`,
    );
    stmt.raw();
    return {
      get(v: NewRunValues): RunRow | undefined {
        return runRows.row(stmt.get({ ...v, hasDiagnostics: v.hasDiagnostics ? 1 : 0 }));
      },
    };
  },
  /**
   * The lease taken and the run marked started, in one statement after the run row is
   * inserted: under the write lock the task row just read says the lease is free and which
   * epoch comes next (docs/ARCHITECTURE.md, Leases). The epoch guard can only fail if
   * something wrote the row without the lock; the caller then rolls back.
   */
  acquire: (db: Db) =>
    db.raw.prepare(
      `UPDATE tasks SET lease_owner = @instanceId, lease_expires_at = @expiresAt, lease_epoch = @epoch,
         lease_run_id = @runId, stop_requested_by = NULL, stop_requested_at = NULL,
         last_run_id = @runId, last_outcome = 'running', last_started_at = @now
       WHERE id = @taskId AND lease_epoch = @epoch - 1`,
    ),
  /** What a run's end needs, read under the write lock in one statement (FinishRead). */
  finishRead: (db: Db) =>
    db.raw.prepare(
      `SELECT t.lease_epoch AS leaseEpoch, t.lease_owner AS leaseOwner, t.recent AS recent,
         t.failing_since AS failingSince, r.started_at AS runStartedAt, r.outcome AS runOutcome
       FROM tasks t LEFT JOIN runs r ON r.id = @runId WHERE t.id = @taskId`,
    ),
  /** Ends the lease and records the run's end on the task, only where the epoch still matches. */
  release: (db: Db) => {
    const releases = new Map<ScheduleShape, Statement>();
    return (shape: ScheduleShape): Statement => {
      let s = releases.get(shape);
      if (!s) releases.set(shape, (s = releaseStatement(db, shape)));
      return s;
    };
  },
  closeRun: (db: Db) =>
    db.raw.prepare(
      `UPDATE runs SET outcome = @outcome, error_class = @errorClass, message = @message, finished_at = @finishedAt,
         stopped_by = @stoppedBy, details_expire_at = @detailsExpireAt WHERE id = @runId`,
    ),
  insertLog: (db: Db) =>
    db.raw.prepare('INSERT INTO run_logs (run_id, at, level, message) VALUES (@runId, @at, @level, @message)'),
  getRun: (db: Db) =>
    db.orm
      .select()
      .from(runs)
      .where(eq(runs.id, sql.placeholder('id')))
      .prepare(),
  getState: (db: Db) =>
    db.orm
      .select()
      .from(taskState)
      .where(eq(taskState.taskId, sql.placeholder('taskId')))
      .prepare(),
  setProgress: (db: Db) =>
    db.orm
      .update(runs)
      .set({ progressDone: p('done'), progressTotal: p('total') })
      .where(eq(runs.id, sql.placeholder('runId')))
      .prepare(),
});
