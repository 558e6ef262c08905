// Retention in small batches, each its own short transaction. SKIP LOCKED: instances
// purging at the same hour share the work instead of queueing behind each other.
import { and, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { runExchanges, runLogs, runs } from '../schema.js';
import type { DetailsCutoff } from '../../types.js';
import type { Db } from './db.js';

/** Runs of one class past its cutoff (served by runs_details_due: outcome, error class, end). */
function pastCutoff(c: DetailsCutoff): SQL | undefined {
  return and(
    isNull(runs.detailsPurgedAt),
    eq(runs.outcome, c.outcome),
    c.errorClass === null ? isNull(runs.errorClass) : eq(runs.errorClass, c.errorClass),
    lt(runs.finishedAt, c.finishedBefore),
  );
}

export function purgeExpiredDetails(
  db: Db,
  cutoffs: readonly DetailsCutoff[],
  now: number,
  batch: number,
): Promise<number> {
  return db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const c of cutoffs) {
      if (ids.length >= batch) break;
      const picked = await tx
        .select({ id: runs.id })
        .from(runs)
        .where(pastCutoff(c))
        .limit(batch - ids.length)
        .for('update', { skipLocked: true });
      ids.push(...picked.map((r) => r.id));
    }
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
