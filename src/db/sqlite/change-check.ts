// SQLite's side of Store.onChange. PRAGMA data_version moves when another connection
// commits (never for this connection's own commits) and costs microseconds to read; when
// it moved, a fingerprint of each table that others care about says which changed. A
// heartbeat or a lease renewal changes none of them, so with forty instances on one file
// their constant small writes wake nobody. A fingerprint is a few sums over columns whose
// values only grow or flip (epochs, ids, times, flags weighted by rowid), read with
// prepared statements: tens of microseconds for hundreds of tasks.
import type Database from 'better-sqlite3';
import type { ChangeFeed, ChangedTable } from '../change-feed.js';

/** How often checkChanges() is worth calling on SQLite (the latency of noticing another process's change). */
export const CHANGE_CHECK_MS = 1_000;

const FINGERPRINTS: Record<ChangedTable, string[]> = {
  tasks: [
    `SELECT count(*), total(lease_epoch), total(coalesce(lease_run_id, 0)), total((lease_owner IS NOT NULL) * rowid),
            total(coalesce(next_run_at, 0)), total(coalesce(effective_interval_ms, 0)), total(failures), total(interruptions),
            total(coalesce(last_run_id, 0)), total(coalesce(last_started_at, 0)), total(coalesce(last_finished_at, 0)),
            total(length(coalesce(last_outcome, '')) * rowid), total(coalesce(stop_requested_at, 0)),
            total(paused * rowid), total(enabled * rowid), total(in_config * rowid), total(updated_at)
       FROM tasks`,
  ],
  services: [`SELECT count(*), total(updated_at), total(in_config * rowid) FROM services`],
  instances: [`SELECT max(rowid), count(*) FILTER (WHERE stopped_at IS NULL) FROM instances`],
  runs: [
    `SELECT max(id) FROM runs`,
    `SELECT count(*), total(coalesce(progress_done, 0)), total(coalesce(progress_total, 0)) FROM runs WHERE outcome = 'running'`,
  ],
  run_logs: [`SELECT max(id) FROM run_logs`],
  run_exchanges: [`SELECT max(id) FROM run_exchanges`],
};

export class ChangeCheck {
  private readonly version: Database.Statement<[], number>;
  private readonly prints: [ChangedTable, Database.Statement<[], unknown[]>[]][];
  private lastVersion: number | null = null;
  private last = new Map<ChangedTable, string>();

  constructor(
    db: Database.Database,
    private readonly feed: ChangeFeed,
  ) {
    this.version = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.prints = (Object.entries(FINGERPRINTS) as [ChangedTable, string[]][]).map(([table, sqls]) => [
      table,
      sqls.map((s) => db.prepare<[], unknown[]>(s).raw()),
    ]);
  }

  /** The current data_version (the change marker). */
  read(): number {
    return this.version.get() as number;
  }

  /** What is there now: later checks tell what changed since (a listener came). */
  baseline(): void {
    this.lastVersion = this.read();
    this.last = this.fingerprints();
  }

  /** Tells the feed which tables another connection changed since the last check. */
  check(): void {
    if (this.lastVersion === null) return this.baseline();
    const version = this.read();
    if (version === this.lastVersion) return;
    this.lastVersion = version;
    const now = this.fingerprints();
    const changed = [...now].filter(([table, print]) => this.last.get(table) !== print).map(([table]) => table);
    this.last = now;
    if (changed.length > 0) this.feed.push(changed);
  }

  private fingerprints(): Map<ChangedTable, string> {
    return new Map(this.prints.map(([table, statements]) => [table, JSON.stringify(statements.map((s) => s.get()))]));
  }
}
