// The lease protocol (docs/ARCHITECTURE.md, Leases) on SQLite. Each function is one short IMMEDIATE transaction;
// none of them awaits anything, so no write lock is ever held across the event loop.
import { and, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import { runs, tasks } from '../schema.js';
import type {
  FinishRunInput,
  LeaseRenewal,
  OrphanAlert,
  OrphanSchedule,
  RunRow,
  StartRunInput,
  StartRunResult,
  TaskRow,
} from '../../types.js';
import { withRecent } from '../../recent.js';
import { leaseFree, startRefusal } from '../../start-check.js';
import { insertRunAlert } from './alerts.js';
import type { Db } from './db.js';
import { preparedFor } from './prepared.js';
import { ringWith } from './recent.js';
import { runStatements, scheduleShape, type FinishRead } from './run-statements.js';

/** The run a crashed instance left under its expired lease, closed as interrupted by the start that takes the task over. */
function closeTakenOver(db: Db, task: Pick<TaskRow, 'leaseOwner' | 'leaseRunId'>, input: StartRunInput): void {
  const { taskId, now } = input;
  const closed = db.orm
    .update(runs)
    .set({
      outcome: 'interrupted',
      errorClass: null,
      finishedAt: now,
      message: `instance ${task.leaseOwner} stopped renewing its lease`,
      detailsExpireAt: input.interruptedDetailsExpireAt,
    })
    .where(and(eq(runs.id, task.leaseRunId ?? -1), eq(runs.outcome, 'running')))
    .returning({ id: runs.id, startedAt: runs.startedAt })
    .get();
  // Taking over a run whose instance stopped renewing (nobody recovered it yet): one more interruption in a row.
  if (closed) {
    db.orm
      .update(tasks)
      .set({
        interruptions: sql`${tasks.interruptions} + 1`,
        recent: ringWith(closed.id, 'interrupted', now - closed.startedAt),
      })
      .where(eq(tasks.id, taskId))
      .run();
  }
}

/**
 * Under the write lock: the lease, the run row and the task's last run, or why not. The task
 * row read here is current (nobody else writes while we hold the lock), so whether the lease
 * is free and which epoch comes next are known before any write: the run row is inserted
 * with that epoch, then one UPDATE takes the lease and marks the run started.
 */
function startLocked(db: Db, input: StartRunInput): StartRunResult {
  const { taskId, now } = input;
  const s = runStatements(db);
  const task = s.task.get(taskId);
  const refusal = startRefusal(task, input);
  if (refusal || !task) return refusal ?? { started: false, reason: 'unknown-task' };
  if (!leaseFree(task, now))
    return { started: false, reason: 'held', heldBy: task.leaseOwner ?? '?', runId: task.leaseRunId };
  const epoch = task.leaseEpoch + 1;
  if (task.leaseRunId !== null) closeTakenOver(db, task, input);
  const run = s.insertRun.get({
    taskId,
    serviceId: task.serviceId,
    taskType: task.type,
    trigger: input.trigger,
    startedBy: input.startedBy,
    instanceId: input.instanceId,
    epoch,
    startedAt: now,
    hasDiagnostics: input.hasDiagnostics,
  });
  if (!run) throw new Error(`the run of ${taskId} was not recorded`);
  const taken = s.acquire.run({
    taskId,
    instanceId: input.instanceId,
    expiresAt: now + input.leaseTtlMs,
    epoch,
    runId: run.id,
    now,
  });
  // Throwing rolls the transaction back, the run row with it.
  if (taken.changes !== 1) throw new Error(`the lease of ${taskId} changed under the write lock`);
  return { started: true, run, epoch };
}

/**
 * Under the write lock: the rest of the run's log, the lease released (where still ours) and
 * the run's end. One read of the task row (with the run's start) decides the fence, the alert
 * and the ring; the task row is then written once.
 */
function finishLocked(db: Db, f: FinishRunInput): boolean {
  const s = runStatements(db);
  const row = s.finishRead.get({ taskId: f.taskId, runId: f.runId }) as FinishRead | undefined;
  const owned = row !== undefined && row.leaseEpoch === f.epoch && row.leaseOwner === f.instanceId;
  if (owned) {
    const recent = withRecent(row.recent, f.runId, f.outcome, durationOf(row, f.finishedAt));
    s.release(scheduleShape(f.schedule)).run({
      taskId: f.taskId,
      epoch: f.epoch,
      instanceId: f.instanceId,
      outcome: f.outcome,
      finishedAt: f.finishedAt,
      recent,
      ...(f.schedule ?? {}),
    });
    // The alert this run causes, decided in its own transaction (docs/alerts.md).
    const after = f.schedule ? f.schedule.failingSince : row.failingSince;
    if (f.alert) insertRunAlert(db.orm, f.taskId, f.alert, row.failingSince, after);
    s.closeRun.run({
      runId: f.runId,
      outcome: f.outcome,
      errorClass: f.errorClass,
      message: f.message,
      finishedAt: f.finishedAt,
      stoppedBy: f.stoppedBy,
      detailsExpireAt: f.detailsExpireAt,
    });
  } else closeFencedOut(db, f, row);
  for (const line of f.log ?? [])
    s.insertLog.run({ runId: f.runId, at: line.at, level: line.level, message: line.message });
  return owned;
}

/** The run's duration at `finishedAt`, or null when its row is gone. */
function durationOf(row: FinishRead, finishedAt: number): number | null {
  return row.runStartedAt === null ? null : finishedAt - row.runStartedAt;
}

/** Fenced out and nobody closed the run yet: it ends interrupted, and its task's ring says so. */
function closeFencedOut(db: Db, f: FinishRunInput, row: FinishRead | undefined): void {
  if (row && row.runOutcome === 'running') {
    db.orm
      .update(tasks)
      .set({ recent: withRecent(row.recent, f.runId, 'interrupted', durationOf(row, f.finishedAt)) })
      .where(eq(tasks.id, f.taskId))
      .run();
  }
  db.orm
    .update(runs)
    .set({
      outcome: 'interrupted',
      errorClass: null,
      message: `lease lost before the run ended (${f.outcome}${f.message ? `: ${f.message}` : ''})`,
      finishedAt: f.finishedAt,
      stoppedBy: f.stoppedBy,
      detailsExpireAt: f.detailsExpireAt,
    })
    .where(and(eq(runs.id, f.runId), eq(runs.outcome, 'running')))
    .run();
}

/** A run's start and end as transactions made once per connection (each an IMMEDIATE one when called). */
export const runTransactions = preparedFor((db: Db) => ({
  start: db.raw.transaction((input: StartRunInput) => startLocked(db, input)),
  finish: db.raw.transaction((f: FinishRunInput) => finishLocked(db, f)),
}));

export function startRun(db: Db, input: StartRunInput): StartRunResult {
  // A look without the write lock first (src/db/start-check.ts).
  const early = startRefusal(runStatements(db).task.get(input.taskId), input);
  if (early) return early;
  return runTransactions(db).start.immediate(input);
}

export function renewLeases(db: Db, instanceId: string, now: number, ttlMs: number): LeaseRenewal {
  const held = db.orm
    .update(tasks)
    .set({ leaseExpiresAt: now + ttlMs })
    .where(eq(tasks.leaseOwner, instanceId))
    .returning({ taskId: tasks.id, epoch: tasks.leaseEpoch, stopRequestedBy: tasks.stopRequestedBy })
    .all();
  return { held };
}

export function finishRun(db: Db, f: FinishRunInput): boolean {
  return runTransactions(db).finish.immediate(f);
}

export function requestStop(db: Db, taskId: string, by: string, now: number): { runningOn: string | null } {
  const row = db.orm
    .update(tasks)
    .set({ stopRequestedBy: by, stopRequestedAt: now })
    .where(and(eq(tasks.id, taskId), isNotNull(tasks.leaseOwner), gte(tasks.leaseExpiresAt, now)))
    .returning({ owner: tasks.leaseOwner })
    .get();
  return { runningOn: row?.owner ?? null };
}

export function freeLeasesOf(db: Db, instanceIds: readonly string[]): number {
  let freed = 0;
  for (const id of instanceIds) freed += statements(db).freeLeases.run(id).changes;
  return freed;
}

// Plain statements: every start recovers, and building them with drizzle cost each start
// its query builder's first, cold run.
const statements = preparedFor((db: Db) => ({
  expiredLease: db.raw.prepare(
    'SELECT id FROM tasks WHERE lease_owner IS NOT NULL AND lease_expires_at < @now LIMIT 1',
  ),
  orphanRun: db.raw.prepare(
    `SELECT id FROM runs WHERE outcome = 'running'
       AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.lease_run_id = runs.id AND t.lease_owner IS NOT NULL) LIMIT 1`,
  ),
  freeLeases: db.raw.prepare(
    `UPDATE tasks SET lease_owner = NULL, lease_expires_at = NULL, stop_requested_by = NULL, stop_requested_at = NULL
       WHERE lease_owner = ?`,
  ),
}));

/** Orphans are rare: a look without the write lock first (every instance checks every lease TTL). */
function nothingOrphaned(db: Db, now: number): boolean {
  const s = statements(db);
  return s.expiredLease.get({ now }) === undefined && s.orphanRun.get() === undefined;
}

export function interruptOrphanRuns(
  db: Db,
  now: number,
  message: string,
  detailsExpireAt: number,
  scheduleOf?: OrphanSchedule,
  alertOf?: OrphanAlert,
): RunRow[] {
  if (nothingOrphaned(db, now)) return [];
  return db.orm.transaction(
    (tx) => {
      tx.update(tasks)
        .set({ leaseOwner: null, leaseExpiresAt: null, stopRequestedBy: null, stopRequestedAt: null })
        .where(and(isNotNull(tasks.leaseOwner), lt(tasks.leaseExpiresAt, now)))
        .run();
      const interrupted = tx
        .update(runs)
        .set({ outcome: 'interrupted', finishedAt: now, message, detailsExpireAt })
        .where(
          and(
            eq(runs.outcome, 'running'),
            sql`NOT EXISTS (SELECT 1 FROM ${tasks} t WHERE t.lease_run_id = ${runs.id} AND t.lease_owner IS NOT NULL)`,
          ),
        )
        .returning()
        .all();
      for (const run of [...interrupted].sort((a, b) => a.id - b.id)) {
        const task = tx.select().from(tasks).where(eq(tasks.id, run.taskId)).get();
        if (!task) continue;
        const recent = ringWith(run.id, 'interrupted', now - run.startedAt);
        const schedule = task.lastRunId === run.id ? scheduleOf?.(task, run) : undefined;
        const last =
          task.lastRunId === run.id ? { lastOutcome: 'interrupted', lastFinishedAt: now, ...(schedule ?? {}) } : {};
        tx.update(tasks)
          .set({ recent, ...last })
          .where(eq(tasks.id, task.id))
          .run();
        const alert = schedule && alertOf?.(task, run, schedule);
        if (alert && schedule) insertRunAlert(tx, task.id, alert, task.failingSince, schedule.failingSince);
      }
      return interrupted;
    },
    { behavior: 'immediate' },
  );
}
