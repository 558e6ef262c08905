// Applies drizzle-kit's migrations. drizzle's own migrator reads the applied list
// outside its transaction, so two processes opening a new database at once would both
// try to create the tables; this one reads and applies inside one BEGIN IMMEDIATE.
// The bookkeeping table is drizzle's, so drizzle-kit still understands the database.
import type Database from 'better-sqlite3';
import { DbOpenError } from '../errors.js';
import { migrationJournal } from '../migration-journal.js';

const TABLE = '__drizzle_migrations';

/** Our SQLite migrations (drizzle/). */
export const sqliteMigrations = migrationJournal('drizzle');

/** Throws DbOpenError when the file was written by a newer syncdeck (it knows migrations we don't). */
export function assertNotNewer(db: Database.Database, file: string): void {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE);
  if (!hasTable) return;
  const row = db.prepare(`SELECT max(created_at) AS last FROM ${TABLE}`).get() as { last: number | null };
  if (row.last !== null && Number(row.last) > sqliteMigrations.latestMillis()) {
    throw new DbOpenError(`${file}: written by a newer version of syncdeck; upgrade syncdeck to open it`);
  }
}

/** Every migration we know is applied (one read, no lock): nothing to do. */
export function isUpToDate(db: Database.Database): boolean {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE);
  if (!hasTable) return false;
  const row = db.prepare(`SELECT max(created_at) AS last FROM ${TABLE}`).get() as { last: number | null };
  return row.last !== null && Number(row.last) === sqliteMigrations.latestMillis();
}

export function migrate(db: Database.Database): number {
  const all = sqliteMigrations.all();
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
    const row = db.prepare(`SELECT max(created_at) AS last FROM ${TABLE}`).get() as { last: number | null };
    const last = row.last === null ? -1 : Number(row.last);
    const insert = db.prepare(`INSERT INTO ${TABLE} (hash, created_at) VALUES (?, ?)`);
    let applied = 0;
    for (const m of all) {
      if (m.folderMillis <= last) continue;
      for (const stmt of m.sql) if (stmt.trim()) db.exec(stmt);
      insert.run(m.hash, m.folderMillis);
      applied++;
    }
    db.exec('COMMIT');
    return applied;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
