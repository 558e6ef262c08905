// Retention works in small batches, each its own short transaction, so a purge of a
// million runs never holds the write lock (or the event loop) for long. The statements
// are prepared once per connection and take the batch's ids as one JSON array, so a
// batch costs SQLite's work only, not building and preparing SQL with hundreds of
// parameters each time (docs/ARCHITECTURE.md, Storage).
import type Database from 'better-sqlite3';
import type { DetailsCutoff } from '../../types.js';
import type { Db } from './db.js';

// Column order as runs_details_due (outcome, error_class, finished_at); parameters follow the text.
const DUE = 'SELECT id FROM runs WHERE details_purged_at IS NULL AND outcome = ? AND';
const IDS = 'SELECT value FROM json_each(?)';

interface Statements {
  dueWithoutClass: Database.Statement<[string, number, number], number>;
  dueWithClass: Database.Statement<[string, string, number, number], number>;
  deleteLogs: Database.Statement<[string]>;
  deleteExchanges: Database.Statement<[string]>;
  markPurged: Database.Statement<[number, string]>;
  deleteSummaries: Database.Statement<[number, number]>;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statements(raw: Database.Database): Statements {
  let s = prepared.get(raw);
  if (!s) {
    s = {
      dueWithoutClass: raw.prepare<[string, number, number], number>(`${DUE} error_class IS NULL AND finished_at < ? LIMIT ?`).pluck(),
      dueWithClass: raw.prepare<[string, string, number, number], number>(`${DUE} error_class = ? AND finished_at < ? LIMIT ?`).pluck(),
      deleteLogs: raw.prepare(`DELETE FROM run_logs WHERE run_id IN (${IDS})`),
      deleteExchanges: raw.prepare(`DELETE FROM run_exchanges WHERE run_id IN (${IDS})`),
      markPurged: raw.prepare(`UPDATE runs SET details_purged_at = ? WHERE id IN (${IDS})`),
      deleteSummaries: raw.prepare(`DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE started_at < ? AND outcome != 'running' LIMIT ?)`),
    };
    prepared.set(raw, s);
  }
  return s;
}

export function purgeExpiredDetails(db: Db, cutoffs: readonly DetailsCutoff[], now: number, batch: number): number {
  const s = statements(db.raw);
  return db.raw
    .transaction(() => {
      const ids: number[] = [];
      for (const c of cutoffs) {
        if (ids.length >= batch) break;
        const limit = batch - ids.length;
        const more = c.errorClass === null ? s.dueWithoutClass.all(c.outcome, c.finishedBefore, limit) : s.dueWithClass.all(c.outcome, c.errorClass, c.finishedBefore, limit);
        ids.push(...more);
      }
      if (ids.length === 0) return 0;
      const list = JSON.stringify(ids);
      s.deleteLogs.run(list);
      s.deleteExchanges.run(list);
      s.markPurged.run(now, list);
      return ids.length;
    })
    .immediate();
}

export function deleteSummariesBefore(db: Db, cutoff: number, batch: number): number {
  return statements(db.raw).deleteSummaries.run(cutoff, batch).changes;
}
