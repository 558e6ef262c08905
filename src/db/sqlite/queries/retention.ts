// Retention works in small batches, each its own short transaction, so a purge of a
// million runs never holds the write lock for long. The statements are prepared once per
// connection and take the batch's ids as one JSON array, so a batch costs SQLite's work
// only, not building and preparing SQL with hundreds of parameters each time. On a file
// the batches run in a worker thread on a connection of its own (../purge-worker.ts), so
// a slow disk or a busy machine stalls the worker, never the dashboard's event loop
// (docs/ARCHITECTURE.md, Storage). Column order as runs_details_due (outcome, error_class,
// finished_at); the parameters follow the text.
import type Database from 'better-sqlite3';
import type { DetailsCutoff } from '../../types.js';

const DUE = 'SELECT id FROM runs WHERE details_purged_at IS NULL AND outcome = ? AND';
const IDS = 'SELECT value FROM json_each(?)';

/** The purge's statements, by name (the worker prepares them from this too). */
export const PURGE_SQL = {
  dueWithoutClass: `${DUE} error_class IS NULL AND finished_at < ? LIMIT ?`,
  dueWithClass: `${DUE} error_class = ? AND finished_at < ? LIMIT ?`,
  deleteLogs: `DELETE FROM run_logs WHERE run_id IN (${IDS})`,
  deleteExchanges: `DELETE FROM run_exchanges WHERE run_id IN (${IDS})`,
  markPurged: `UPDATE runs SET details_purged_at = ? WHERE id IN (${IDS})`,
  deleteSummaries: `DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE started_at < ? AND outcome != 'running' LIMIT ?)`,
} as const;

type Statements = Record<keyof typeof PURGE_SQL, Database.Statement<unknown[]>>;

const prepared = new WeakMap<Database.Database, Statements>();

function statements(raw: Database.Database): Statements {
  let s = prepared.get(raw);
  if (!s) {
    s = Object.fromEntries(Object.entries(PURGE_SQL).map(([name, sql]) => [name, raw.prepare(sql)])) as Statements;
    s.dueWithoutClass.pluck();
    s.dueWithClass.pluck();
    prepared.set(raw, s);
  }
  return s;
}

/**
 * One batch: the ids of up to `batch` runs past their class's cutoff, their log and
 * exchanges deleted and the runs marked purged, in one IMMEDIATE transaction. The worker
 * runs this same function (its source is sent to it), so it may use nothing from outside.
 */
export function purgeBatch(
  raw: Database.Database,
  s: Record<string, Database.Statement<unknown[]>>,
  cutoffs: readonly DetailsCutoff[],
  now: number,
  batch: number,
): number {
  return raw
    .transaction(() => {
      const ids: number[] = [];
      for (const c of cutoffs) {
        if (ids.length >= batch) break;
        const limit = batch - ids.length;
        const due =
          c.errorClass === null
            ? s.dueWithoutClass!.all(c.outcome, c.finishedBefore, limit)
            : s.dueWithClass!.all(c.outcome, c.errorClass, c.finishedBefore, limit);
        for (const id of due) ids.push(id as number);
      }
      if (ids.length === 0) return 0;
      const list = JSON.stringify(ids);
      s.deleteLogs!.run(list);
      s.deleteExchanges!.run(list);
      s.markPurged!.run(now, list);
      return ids.length;
    })
    .immediate();
}

export function purgeExpiredDetails(
  raw: Database.Database,
  cutoffs: readonly DetailsCutoff[],
  now: number,
  batch: number,
): number {
  return purgeBatch(raw, statements(raw), cutoffs, now, batch);
}

export function deleteSummariesBefore(raw: Database.Database, cutoff: number, batch: number): number {
  return statements(raw).deleteSummaries.run(cutoff, batch).changes;
}
