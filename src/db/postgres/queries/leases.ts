// The lease protocol (docs/ARCHITECTURE.md, Leases) on PostgreSQL. Each function is one short
// transaction; the conditional UPDATE … WHERE lease free or expired … RETURNING is the
// acquisition, and the epoch it returns is the fencing token. `now` is the server's clock
// (the store converts the caller's). Statements that lock several task rows lock them in
// id order, so two instances never deadlock on each other.
import { and, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { runLogs, runs, tasks } from '../schema.js';
import type {
  FinishRunInput,
  OrphanAlert,
  OrphanSchedule,
  RunRow,
  StartRunInput,
  StartRunResult,
} from '../../types.js';
import { leaseFree, startRefusal } from '../../start-check.js';
import { insertRunAlert } from './alerts.js';
import type { Db, Tx } from './db.js';
import { durationSince, ringWith } from './recent.js';

/** The ids of the task rows matching `where`, locked in id order (a sub-select for `id IN (…)`). */
function lockedTaskIds(tx: Db | Tx, where: SQL | undefined) {
  return tx.select({ id: tasks.id }).from(tasks).where(where).orderBy(tasks.id).for('update');
}

/** Under the row lock; the caller has looked at the task without a lock first (pg-store.ts, in plain SQL; src/db/start-check.ts). */
export async function startRun(db: Db, input: StartRunInput): Promise<StartRunResult> {
  const { taskId, now } = input;
  return db.transaction(async (tx): Promise<StartRunResult> => {
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
    const refusal = startRefusal(task, input);
    if (refusal || !task) return refusal ?? { started: false, reason: 'unknown-task' };
    // The row is locked: whether the lease is free and which epoch comes next are known now,
    // so the run row goes in first and one UPDATE takes the lease and marks the run started.
    if (!leaseFree(task, now))
      return { started: false, reason: 'held', heldBy: task.leaseOwner ?? '?', runId: task.leaseRunId };
    const epoch = task.leaseEpoch + 1;
    if (task.leaseRunId !== null) {
      const closed = await tx
        .update(runs)
        .set({
          outcome: 'interrupted',
          errorClass: null,
          finishedAt: now,
          message: `instance ${task.leaseOwner} stopped renewing its lease`,
          detailsExpireAt: input.interruptedDetailsExpireAt,
        })
        .where(and(eq(runs.id, task.leaseRunId), eq(runs.outcome, 'running')))
        .returning({ id: runs.id, startedAt: runs.startedAt });
      // Taking over a run whose instance stopped renewing (nobody recovered it yet): one more interruption in a row.
      const [run] = closed;
      if (run) {
        await tx
          .update(tasks)
          .set({
            interruptions: sql`${tasks.interruptions} + 1`,
            recent: ringWith(run.id, 'interrupted', now - run.startedAt),
          })
          .where(eq(tasks.id, taskId));
      }
    }
    const [run] = await tx
      .insert(runs)
      .values({
        taskId,
        serviceId: task.serviceId,
        taskType: task.type,
        trigger: input.trigger,
        startedBy: input.startedBy,
        instanceId: input.instanceId,
        epoch,
        startedAt: now,
        outcome: 'running',
        hasDiagnostics: input.hasDiagnostics,
      })
      .returning();
    if (!run) throw new Error('the new run was not returned');
    const taken = await tx
      .update(tasks)
      .set({
        leaseOwner: input.instanceId,
        leaseExpiresAt: now + input.leaseTtlMs,
        leaseEpoch: epoch,
        leaseRunId: run.id,
        stopRequestedBy: null,
        stopRequestedAt: null,
        lastRunId: run.id,
        lastOutcome: 'running',
        lastStartedAt: now,
      })
      .where(and(eq(tasks.id, taskId), eq(tasks.leaseEpoch, task.leaseEpoch)))
      .returning({ id: tasks.id });
    // Throwing rolls the transaction back, the run row with it.
    if (taken.length !== 1) throw new Error(`the lease of ${taskId} changed under the row lock`);
    return { started: true, run, epoch };
  });
}

export function finishRun(db: Db, f: FinishRunInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = f.alert
      ? await tx.select({ failingSince: tasks.failingSince }).from(tasks).where(eq(tasks.id, f.taskId)).for('update')
      : [];
    const [owned] = await tx
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
      .returning({ id: tasks.id, failingSince: tasks.failingSince });
    // The alert this run causes, decided in its own transaction (docs/alerts.md).
    if (owned && f.alert) await insertRunAlert(tx, f.taskId, f.alert, before?.failingSince ?? null, owned.failingSince);
    // Fenced out and nobody closed the run yet: it ends interrupted, and its task's ring says so
    // (the task row first, then the run, the order every transaction locks them in).
    if (!owned) {
      await tx
        .update(tasks)
        .set({ recent: ringWith(f.runId, 'interrupted', durationSince(f.runId, f.finishedAt)) })
        .where(
          and(
            eq(tasks.id, f.taskId),
            sql`EXISTS (SELECT 1 FROM ${runs} WHERE ${runs.id} = ${f.runId} AND ${runs.outcome} = 'running')`,
          ),
        );
    }
    await tx
      .update(runs)
      .set({
        outcome: owned ? f.outcome : 'interrupted',
        errorClass: owned ? f.errorClass : null,
        message: owned
          ? f.message
          : `lease lost before the run ended (${f.outcome}${f.message ? `: ${f.message}` : ''})`,
        finishedAt: f.finishedAt,
        stoppedBy: f.stoppedBy,
        detailsExpireAt: f.detailsExpireAt,
      })
      // A fenced-out run is closed only if nobody closed it already.
      .where(owned ? eq(runs.id, f.runId) : and(eq(runs.id, f.runId), eq(runs.outcome, 'running')));
    // The rest of the log, last: its rows' key share on the run comes after the row locks above.
    if (f.log && f.log.length > 0) await tx.insert(runLogs).values(f.log.map((l) => ({ runId: f.runId, ...l })));
    return Boolean(owned);
  });
}

export async function requestStop(
  db: Db,
  taskId: string,
  by: string,
  now: number,
): Promise<{ runningOn: string | null }> {
  const [row] = await db
    .update(tasks)
    .set({ stopRequestedBy: by, stopRequestedAt: now })
    .where(and(eq(tasks.id, taskId), isNotNull(tasks.leaseOwner), gte(tasks.leaseExpiresAt, now)))
    .returning({ owner: tasks.leaseOwner });
  return { runningOn: row?.owner ?? null };
}

export function freeLeasesOf(db: Db, instanceIds: readonly string[]): Promise<number> {
  if (instanceIds.length === 0) return Promise.resolve(0);
  return db.transaction(async (tx) => {
    const freed = await tx
      .update(tasks)
      .set({ leaseOwner: null, leaseExpiresAt: null, stopRequestedBy: null, stopRequestedAt: null })
      .where(inArray(tasks.id, lockedTaskIds(tx, inArray(tasks.leaseOwner, [...instanceIds]))));
    return freed.rowCount ?? 0;
  });
}

/** Orphans are rare: a look without a transaction or locks first (every instance checks every lease TTL). */
async function nothingOrphaned(db: Db, now: number): Promise<boolean> {
  const [expired] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(isNotNull(tasks.leaseOwner), lt(tasks.leaseExpiresAt, now)))
    .limit(1);
  if (expired) return false;
  const [orphan] = await db
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(
        eq(runs.outcome, 'running'),
        sql`NOT EXISTS (SELECT 1 FROM ${tasks} t WHERE t.lease_run_id = ${runs.id} AND t.lease_owner IS NOT NULL)`,
      ),
    )
    .limit(1);
  return orphan === undefined;
}

export async function interruptOrphanRuns(
  db: Db,
  now: number,
  message: string,
  detailsExpireAt: number,
  scheduleOf?: OrphanSchedule,
  alertOf?: OrphanAlert,
): Promise<RunRow[]> {
  if (await nothingOrphaned(db, now)) return [];
  return db.transaction(async (tx) => {
    await tx
      .update(tasks)
      .set({ leaseOwner: null, leaseExpiresAt: null, stopRequestedBy: null, stopRequestedAt: null })
      .where(inArray(tasks.id, lockedTaskIds(tx, and(isNotNull(tasks.leaseOwner), lt(tasks.leaseExpiresAt, now)))));
    const interrupted = await tx
      .update(runs)
      .set({ outcome: 'interrupted', finishedAt: now, message, detailsExpireAt })
      .where(
        and(
          eq(runs.outcome, 'running'),
          sql`NOT EXISTS (SELECT 1 FROM ${tasks} t WHERE t.lease_run_id = ${runs.id} AND t.lease_owner IS NOT NULL)`,
        ),
      )
      .returning();
    // Locked in id order, as everywhere, so two instances recovering at once never deadlock.
    const byTask = new Map<string, RunRow[]>();
    for (const r of [...interrupted].sort((a, b) => a.id - b.id))
      byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
    const owning =
      byTask.size === 0
        ? []
        : await tx
            .select()
            .from(tasks)
            .where(inArray(tasks.id, [...byTask.keys()]))
            .orderBy(tasks.id)
            .for('update');
    for (const task of owning) {
      for (const run of byTask.get(task.id) ?? []) {
        const schedule = task.lastRunId === run.id ? scheduleOf?.(task, run) : undefined;
        const last =
          task.lastRunId === run.id ? { lastOutcome: 'interrupted', lastFinishedAt: now, ...(schedule ?? {}) } : {};
        await tx
          .update(tasks)
          .set({ recent: ringWith(run.id, 'interrupted', now - run.startedAt), ...last })
          .where(eq(tasks.id, task.id));
        const alert = schedule && alertOf?.(task, run, schedule);
        if (alert && schedule) await insertRunAlert(tx, task.id, alert, task.failingSince, schedule.failingSince);
      }
    }
    return interrupted;
  });
}
