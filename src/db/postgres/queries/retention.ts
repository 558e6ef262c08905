// Retention in small batches, each its own short transaction. SKIP LOCKED: instances
// purging at the same hour share the work instead of queueing behind each other.
import { and, inArray, isNull, lte, sql } from 'drizzle-orm';
import { runExchanges, runLogs, runs } from '../schema.js';
import type { Db } from './db.js';

export function purgeExpiredDetails(db: Db, now: number, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    const picked = await tx
      .select({ id: runs.id })
      .from(runs)
      .where(and(isNull(runs.detailsPurgedAt), lte(runs.detailsExpireAt, now)))
      .limit(batch)
      .for('update', { skipLocked: true });
    const ids = picked.map((r) => r.id);
    if (ids.length === 0) return 0;
    await tx.delete(runLogs).where(inArray(runLogs.runId, ids));
    await tx.delete(runExchanges).where(inArray(runExchanges.runId, ids));
    await tx.update(runs).set({ detailsPurgedAt: now }).where(inArray(runs.id, ids));
    return ids.length;
  });
}

export async function deleteSummariesBefore(db: Db, cutoff: number, batch: number): Promise<number> {
  const result = await db
    .delete(runs)
    .where(
      inArray(
        runs.id,
        sql`(SELECT id FROM ${runs} WHERE ${runs.startedAt} < ${cutoff} AND ${runs.outcome} <> 'running' LIMIT ${batch} FOR UPDATE SKIP LOCKED)`,
      ),
    );
  return result.rowCount ?? 0;
}
