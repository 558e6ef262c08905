// Retention works in small batches, each its own short transaction, so a purge of a
// million runs never holds the write lock (or the event loop) for long.
import { and, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { runExchanges, runLogs, runs } from '../schema.js';
import type { DetailsCutoff } from '../../types.js';
import type { Db } from './db.js';

/** Runs of one class past its cutoff (served by runs_details_due: outcome, error class, end). */
export function pastCutoff(c: DetailsCutoff): SQL | undefined {
  return and(
    isNull(runs.detailsPurgedAt),
    eq(runs.outcome, c.outcome),
    c.errorClass === null ? isNull(runs.errorClass) : eq(runs.errorClass, c.errorClass),
    lt(runs.finishedAt, c.finishedBefore),
  );
}

export function purgeExpiredDetails(db: Db, cutoffs: readonly DetailsCutoff[], now: number, batch: number): number {
  return db.orm.transaction(
    (tx) => {
      const ids: number[] = [];
      for (const c of cutoffs) {
        if (ids.length >= batch) break;
        const more = tx.select({ id: runs.id }).from(runs).where(pastCutoff(c)).limit(batch - ids.length).all();
        ids.push(...more.map((r) => r.id));
      }
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
