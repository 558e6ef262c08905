// Applies drizzle-kit's migrations. drizzle's own migrator reads the applied list
// outside its transaction, so two processes opening a new database at once would both
// try to create the tables; this one reads and applies inside one BEGIN IMMEDIATE.
// The bookkeeping table is drizzle's, so drizzle-kit still understands the database.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { DbOpenError } from '../errors.js';
import { migrationJournal } from '../migration-journal.js';

const TABLE = '__drizzle_migrations';

/** Finds `drizzle/` walking up from this module: src/db/sqlite in development, dist/ when bundled. */
export function findMigrationsFolder(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`syncdeck's migrations (drizzle/meta/_journal.json) were not found above ${start}`);
    dir = parent;
  }
}

let folder: string | undefined;
const journal = migrationJournal(() => (folder ??= findMigrationsFolder()));

/** The hash drizzle-kit recorded for our first migration: every syncdeck database, of any version, has it. */
export function firstMigrationHash(): string {
  return journal.firstHash();
}

export function latestMigrationMillis(): number {
  return journal.latestMillis();
}

/** Throws DbOpenError when the file was written by a newer syncdeck (it knows migrations we don't). */
export function assertNotNewer(db: Database.Database, file: string): void {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE);
  if (!hasTable) return;
  const row = db.prepare(`SELECT max(created_at) AS last FROM ${TABLE}`).get() as { last: number | null };
  if (row.last !== null && Number(row.last) > latestMigrationMillis()) {
    throw new DbOpenError(`${file}: written by a newer version of syncdeck; upgrade syncdeck to open it`);
  }
}

/** Every migration we know is applied (one read, no lock): nothing to do. */
export function isUpToDate(db: Database.Database): boolean {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE);
  if (!hasTable) return false;
  const row = db.prepare(`SELECT max(created_at) AS last FROM ${TABLE}`).get() as { last: number | null };
  return row.last !== null && Number(row.last) === latestMigrationMillis();
}

export function migrate(db: Database.Database): number {
  const all = journal.all();
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
