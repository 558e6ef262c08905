// Applies drizzle-kit's migrations. drizzle's own migrator reads the applied list
// outside its transaction, so two processes opening a new database at once would both
// try to create the tables; this one reads and applies inside one BEGIN IMMEDIATE.
// The bookkeeping table is drizzle's, so drizzle-kit still understands the database.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { DbOpenError } from '../errors.js';

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
const migrationsFolder = (): string => (folder ??= findMigrationsFolder());

let cached: MigrationMeta[] | undefined;
function migrations(): MigrationMeta[] {
  cached ??= readMigrationFiles({ migrationsFolder: migrationsFolder() });
  return cached;
}

// Every open checks the file against the journal; only a migration reads (and hashes) every
// migration's SQL, as drizzle's readMigrationFiles does.
let journal: { tag: string; when: number }[] | undefined;
function journalEntries(): { tag: string; when: number }[] {
  journal ??= (
    JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string; when: number }[];
    }
  ).entries;
  return journal;
}

/** The hash drizzle-kit recorded for our first migration: every syncdeck database, of any version, has it. */
export function firstMigrationHash(): string | undefined {
  const first = journalEntries()[0];
  if (!first) return undefined;
  // As drizzle's migrator hashes it: sha256 of the file's text.
  return createHash('sha256')
    .update(readFileSync(join(migrationsFolder(), `${first.tag}.sql`)).toString())
    .digest('hex');
}

export function latestMigrationMillis(): number {
  return Math.max(0, ...journalEntries().map((e) => e.when));
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
  const all = migrations();
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
