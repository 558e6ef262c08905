// The statements every run executes (its start, its log, its end, reading it back), prepared
// once per connection with placeholders: building the SQL with drizzle and having SQLite
// prepare it again on every call was most of a short run's cost (BENCHMARKS.md, Engine).
// Rare paths (taking over an expired lease, a fenced-out end, alerts) stay plain queries.
import { and, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ScheduleState } from '../../types.js';
import { runLogs, runs, taskState, tasks } from '../schema.js';
import type { Db } from './db.js';
import { lazyStatementsFor } from './prepared.js';
import { durationSince, ringWith } from './recent.js';

/** A placeholder usable where drizzle wants an SQL value (an UPDATE's SET, an expression). */
const p = (name: string): SQL => sql`${sql.placeholder(name)}`;

/** Which of the schedule's columns a run's end writes: none, all but interruptions, or all. */
export type ScheduleShape = 'none' | 'plain' | 'interruptions';

export function scheduleShape(s: ScheduleState | null): ScheduleShape {
  if (!s) return 'none';
  return s.interruptions === undefined ? 'plain' : 'interruptions';
}

function releaseStatement(db: Db, shape: ScheduleShape) {
  const schedule =
    shape === 'none'
      ? {}
      : {
          effectiveIntervalMs: p('effectiveIntervalMs'),
          failures: p('failures'),
          failingSince: p('failingSince'),
          nextRunAt: p('nextRunAt'),
          ...(shape === 'interruptions' ? { interruptions: p('interruptions') } : {}),
        };
  return db.orm
    .update(tasks)
    .set({
      leaseOwner: null,
      leaseExpiresAt: null,
      leaseRunId: null,
      stopRequestedBy: null,
      stopRequestedAt: null,
      lastFinishedAt: p('finishedAt'),
      lastOutcome: p('outcome'),
      recent: ringWith(p('runId'), p('outcome'), durationSince(p('runId'), p('finishedAt'))),
      ...schedule,
    })
    .where(
      and(
        eq(tasks.id, sql.placeholder('taskId')),
        eq(tasks.leaseEpoch, sql.placeholder('epoch')),
        eq(tasks.leaseOwner, sql.placeholder('instanceId')),
      ),
    )
    .returning({ id: tasks.id, failingSince: tasks.failingSince })
    .prepare();
}

export type ReleaseStatement = ReturnType<typeof releaseStatement>;

export const runStatements = lazyStatementsFor({
  /** What a start needs of the task row (src/db/start-check.ts, and the run's service and type): not all 30 columns. */
  task: (db: Db) =>
    db.orm
      .select({
        serviceId: tasks.serviceId,
        type: tasks.type,
        leaseOwner: tasks.leaseOwner,
        leaseExpiresAt: tasks.leaseExpiresAt,
        leaseRunId: tasks.leaseRunId,
        paused: tasks.paused,
        enabled: tasks.enabled,
        inConfig: tasks.inConfig,
        nextRunAt: tasks.nextRunAt,
      })
      .from(tasks)
      .where(eq(tasks.id, sql.placeholder('id')))
      .prepare(),
  acquire: (db: Db) =>
    db.orm
      .update(tasks)
      .set({
        leaseOwner: p('instanceId'),
        leaseExpiresAt: p('expiresAt'),
        leaseEpoch: sql`${tasks.leaseEpoch} + 1`,
        leaseRunId: null,
        stopRequestedBy: null,
        stopRequestedAt: null,
      })
      .where(
        and(
          eq(tasks.id, sql.placeholder('taskId')),
          or(isNull(tasks.leaseOwner), lt(tasks.leaseExpiresAt, sql.placeholder('now'))),
        ),
      )
      .returning({ epoch: tasks.leaseEpoch })
      .prepare(),
  insertRun: (db: Db) =>
    db.orm
      .insert(runs)
      .values({
        taskId: sql.placeholder('taskId'),
        serviceId: sql.placeholder('serviceId'),
        taskType: sql.placeholder('taskType'),
        trigger: sql.placeholder('trigger'),
        startedBy: sql.placeholder('startedBy'),
        instanceId: sql.placeholder('instanceId'),
        epoch: sql.placeholder('epoch'),
        startedAt: sql.placeholder('startedAt'),
        outcome: 'running',
        hasDiagnostics: sql.placeholder('hasDiagnostics'),
      })
      .returning()
      .prepare(),
  markStarted: (db: Db) =>
    db.orm
      .update(tasks)
      .set({ leaseRunId: p('runId'), lastRunId: p('runId'), lastOutcome: 'running', lastStartedAt: p('now') })
      .where(eq(tasks.id, sql.placeholder('taskId')))
      .prepare(),
  failingSince: (db: Db) =>
    db.orm
      .select({ failingSince: tasks.failingSince })
      .from(tasks)
      .where(eq(tasks.id, sql.placeholder('taskId')))
      .prepare(),
  /** Ends the lease and records the run's end on the task, only where the epoch still matches. */
  release: (db: Db) => {
    const releases = new Map<ScheduleShape, ReleaseStatement>();
    return (shape: ScheduleShape): ReleaseStatement => {
      let s = releases.get(shape);
      if (!s) releases.set(shape, (s = releaseStatement(db, shape)));
      return s;
    };
  },
  closeRun: (db: Db) =>
    db.orm
      .update(runs)
      .set({
        outcome: p('outcome'),
        errorClass: p('errorClass'),
        message: p('message'),
        finishedAt: p('finishedAt'),
        stoppedBy: p('stoppedBy'),
        detailsExpireAt: p('detailsExpireAt'),
      })
      .where(eq(runs.id, sql.placeholder('runId')))
      .prepare(),
  insertLog: (db: Db) =>
    db.orm
      .insert(runLogs)
      .values({
        runId: sql.placeholder('runId'),
        at: sql.placeholder('at'),
        level: sql.placeholder('level'),
        message: sql.placeholder('message'),
      })
      .prepare(),
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
