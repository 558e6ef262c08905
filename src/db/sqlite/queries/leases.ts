// The lease protocol (docs/ARCHITECTURE.md, Leases) on SQLite. Each function is one short IMMEDIATE transaction;
// none of them awaits anything, so no write lock is ever held across the event loop.
import { and, eq, gte, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { runs, tasks } from '../schema.js';
import type {
  FinishRunInput,
  LeaseRenewal,
  OrphanAlert,
  OrphanSchedule,
  RunRow,
  StartRunInput,
  StartRunResult,
} from '../../types.js';
import { startRefusal } from '../../start-check.js';
import { insertRunAlert } from './alerts.js';
import type { Db } from './db.js';
import { preparedFor } from './prepared.js';
import { durationSince, ringWith } from './recent.js';

function leaseFree(now: number) {
  return or(isNull(tasks.leaseOwner), lt(tasks.leaseExpiresAt, now));
}

export function startRun(db: Db, input: StartRunInput): StartRunResult {
  const { taskId, now } = input;
  // A look without the write lock first (src/db/start-check.ts).
  const early = startRefusal(statements(db).task.get({ id: taskId }), input);
  if (early) return early;
  return db.orm.transaction(
    (tx): StartRunResult => {
      const task = tx.select().from(tasks).where(eq(tasks.id, taskId)).get();
      const refusal = startRefusal(task, input);
      if (refusal || !task) return refusal ?? { started: false, reason: 'unknown-task' };
      const acquired = tx
        .update(tasks)
        .set({
          leaseOwner: input.instanceId,
          leaseExpiresAt: now + input.leaseTtlMs,
          leaseEpoch: sql`${tasks.leaseEpoch} + 1`,
          leaseRunId: null,
          stopRequestedBy: null,
          stopRequestedAt: null,
        })
        .where(and(eq(tasks.id, taskId), leaseFree(now)))
        .returning({ epoch: tasks.leaseEpoch })
        .get();
      if (!acquired) return { started: false, reason: 'held', heldBy: task.leaseOwner ?? '?', runId: task.leaseRunId };

      if (task.leaseRunId !== null) {
        const closed = tx
          .update(runs)
          .set({
            outcome: 'interrupted',
            errorClass: null,
            finishedAt: now,
            message: `instance ${task.leaseOwner} stopped renewing its lease`,
            detailsExpireAt: input.interruptedDetailsExpireAt,
          })
          .where(and(eq(runs.id, task.leaseRunId), eq(runs.outcome, 'running')))
          .returning({ id: runs.id, startedAt: runs.startedAt })
          .get();
        // Taking over a run whose instance stopped renewing (nobody recovered it yet): one more interruption in a row.
        if (closed) {
          tx.update(tasks)
            .set({
              interruptions: sql`${tasks.interruptions} + 1`,
              recent: ringWith(closed.id, 'interrupted', now - closed.startedAt),
            })
            .where(eq(tasks.id, taskId))
            .run();
        }
      }
      const run = tx
        .insert(runs)
        .values({
          taskId,
          serviceId: task.serviceId,
          taskType: task.type,
          trigger: input.trigger,
          startedBy: input.startedBy,
          instanceId: input.instanceId,
          epoch: acquired.epoch,
          startedAt: now,
          outcome: 'running',
          hasDiagnostics: input.hasDiagnostics,
        })
        .returning()
        .get();
      tx.update(tasks)
        .set({ leaseRunId: run.id, lastRunId: run.id, lastOutcome: 'running', lastStartedAt: now })
        .where(eq(tasks.id, taskId))
        .run();
      return { started: true, run, epoch: acquired.epoch };
    },
    { behavior: 'immediate' },
  );
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
  return db.orm.transaction(
    (tx) => {
      const before = f.alert
        ? tx.select({ failingSince: tasks.failingSince }).from(tasks).where(eq(tasks.id, f.taskId)).get()
        : undefined;
      const owned = tx
        .update(tasks)
        .set({
          leaseOwner: null,
          leaseExpiresAt: null,
          leaseRunId: null,
          stopRequestedBy: null,
          stopRequestedAt: null,
          lastFinishedAt: f.finishedAt,
          lastOutcome: f.outcome,
          recent: ringWith(f.runId, f.outcome, durationSince(f.runId, f.finishedAt)),
          ...(f.schedule ?? {}),
        })
        .where(and(eq(tasks.id, f.taskId), eq(tasks.leaseEpoch, f.epoch), eq(tasks.leaseOwner, f.instanceId)))
        .returning({ id: tasks.id, failingSince: tasks.failingSince })
        .get();
      // The alert this run causes, decided in its own transaction (docs/alerts.md).
      if (owned && f.alert) insertRunAlert(tx, f.taskId, f.alert, before?.failingSince ?? null, owned.failingSince);
      const outcome = owned ? f.outcome : 'interrupted';
      // Fenced out and nobody closed the run yet: it ends interrupted, and its task's ring says so.
      if (!owned) {
        tx.update(tasks)
          .set({ recent: ringWith(f.runId, 'interrupted', durationSince(f.runId, f.finishedAt)) })
          .where(
            and(
              eq(tasks.id, f.taskId),
              sql`EXISTS (SELECT 1 FROM ${runs} WHERE ${runs.id} = ${f.runId} AND ${runs.outcome} = 'running')`,
            ),
          )
          .run();
      }
      tx.update(runs)
        .set({
          outcome,
          errorClass: owned ? f.errorClass : null,
          message: owned
            ? f.message
            : `lease lost before the run ended (${f.outcome}${f.message ? `: ${f.message}` : ''})`,
          finishedAt: f.finishedAt,
          stoppedBy: f.stoppedBy,
          detailsExpireAt: f.detailsExpireAt,
        })
        // A fenced-out run is closed only if nobody closed it already.
        .where(owned ? eq(runs.id, f.runId) : and(eq(runs.id, f.runId), eq(runs.outcome, 'running')))
        .run();
      return Boolean(owned);
    },
    { behavior: 'immediate' },
  );
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
  for (const id of instanceIds) {
    freed += db.orm
      .update(tasks)
      .set({ leaseOwner: null, leaseExpiresAt: null, stopRequestedBy: null, stopRequestedAt: null })
      .where(eq(tasks.leaseOwner, id))
      .run().changes;
  }
  return freed;
}

const statements = preparedFor((db: Db) => ({
  task: db.orm
    .select()
    .from(tasks)
    .where(eq(tasks.id, sql.placeholder('id')))
    .prepare(),
  expiredLease: db.orm
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(isNotNull(tasks.leaseOwner), lt(tasks.leaseExpiresAt, sql.placeholder('now'))))
    .limit(1)
    .prepare(),
  orphanRun: db.orm
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(
        eq(runs.outcome, 'running'),
        sql`NOT EXISTS (SELECT 1 FROM ${tasks} t WHERE t.lease_run_id = ${runs.id} AND t.lease_owner IS NOT NULL)`,
      ),
    )
    .limit(1)
    .prepare(),
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
