// Retention works in small batches, each its own short transaction, so a purge of a
// million runs never holds the write lock (or the event loop) for long.
import { and, inArray, isNull, lte, sql } from 'drizzle-orm';
import { runExchanges, runLogs, runs } from '../schema.js';
import type { Db } from './db.js';

export function purgeExpiredDetails(db: Db, now: number, batch: number): number {
  return db.orm.transaction(
    (tx) => {
      const ids = tx
        .select({ id: runs.id })
        .from(runs)
        .where(and(isNull(runs.detailsPurgedAt), lte(runs.detailsExpireAt, now)))
        .limit(batch)
        .all()
        .map((r) => r.id);
      if (ids.length === 0) return 0;
      tx.delete(runLogs).where(inArray(runLogs.runId, ids)).run();
      tx.delete(runExchanges).where(inArray(runExchanges.runId, ids)).run();
      tx.update(runs).set({ detailsPurgedAt: now }).where(inArray(runs.id, ids)).run();
      return ids.length;
    },
    { behavior: 'immediate' },
  );
}

export function deleteSummariesBefore(db: Db, cutoff: number, batch: number): number {
  return db.orm
    .delete(runs)
    .where(
      inArray(
        runs.id,
        sql`(SELECT id FROM ${runs} WHERE ${runs.startedAt} < ${cutoff} AND ${runs.outcome} != 'running' LIMIT ${batch})`,
      ),
    )
    .run().changes;
}
