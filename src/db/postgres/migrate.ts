// Applies drizzle-kit's PostgreSQL migrations (drizzle-pg/) in one transaction under an
// advisory lock, so instances starting together on a new server queue up instead of
// creating the tables twice. An instance that finds the schema up to date (one read,
// no lock) goes on at once: forty starting together do not queue behind the lock. PostgreSQL's DDL is transactional: a failed migration leaves
// nothing behind. The bookkeeping table is drizzle's (drizzle.__drizzle_migrations), so
// drizzle-kit still understands the database.
import type { ClientBase } from 'pg';
import type { MigrationMeta } from 'drizzle-orm/migrator';
import { DbOpenError } from '../errors.js';
import { migrationJournal } from '../migration-journal.js';

const TABLE = 'drizzle.__drizzle_migrations';
/** Advisory lock key of migrations: "syncdeck" in ASCII, as a number. */
export const MIGRATION_LOCK = 0x73796e636465636bn;

const journal = migrationJournal('drizzle-pg');

/** Returns how many migrations it applied. Throws DbOpenError for a foreign or newer database. */
export async function migrate(client: ClientBase, display: string): Promise<number> {
  for (;;) {
    if (await upToDate(client)) return 0;
    const applied = await migrateUnderLock(client, display);
    if (applied !== null) return applied;
  }
}

/** Applies what is missing holding the migration lock; null when another instance holds it (this one waited for it to finish). */
async function migrateUnderLock(client: ClientBase, display: string): Promise<number | null> {
  await client.query('BEGIN');
  try {
    // The connection's statement timeout is for calls; a migration (or the wait for another's) may take longer.
    await client.query('SET LOCAL statement_timeout = 0');
    const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
      MIGRATION_LOCK.toString(),
    ]);
    if (!lock[0]?.ok) {
      // Another instance migrates: wait for it to finish (a shared lock, so that the other
      // waiters do not queue behind each other), then look again.
      await client.query('SELECT pg_advisory_xact_lock_shared($1)', [MIGRATION_LOCK.toString()]);
      await client.query('COMMIT');
      return null;
    }
    await assertOurs(client, display, journal.firstHash());
    await client.query('CREATE SCHEMA IF NOT EXISTS drizzle');
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
    );
    const { rows } = await client.query<{ last: string | null }>(`SELECT max(created_at)::text AS last FROM ${TABLE}`);
    const last = rows[0]?.last == null ? -1 : Number(rows[0].last);
    if (last > journal.latestMillis()) {
      throw new DbOpenError(`${display}: written by a newer version of syncdeck; upgrade syncdeck to use it`);
    }
    // Only the instance that migrates reads the migration files (the waiters need none).
    const missing = journal.all().filter((m) => m.folderMillis > last);
    // One round trip for all of them (the simple protocol runs a script statement by
    // statement, inside this transaction): the others of a start-up storm wait for this
    // lock, and on a busy machine every round trip is a wait for the CPU.
    if (missing.length > 0) await client.query(migrationScript(missing));
    await client.query('COMMIT');
    return missing.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** The migrations' statements and their bookkeeping rows as one script (a lone `;` between statements: one may end in a comment). */
function migrationScript(missing: MigrationMeta[]): string {
  const parts: string[] = [];
  for (const m of missing) {
    if (!/^[0-9a-f]+$/.test(m.hash) || !Number.isSafeInteger(m.folderMillis))
      throw new Error(`migration ${m.folderMillis}: unexpected journal entry`);
    parts.push(...m.sql.filter((stmt) => stmt.trim()));
    parts.push(`INSERT INTO ${TABLE} (hash, created_at) VALUES ('${m.hash}', ${m.folderMillis})`);
  }
  return parts.join('\n;\n');
}

/** Our bookkeeping table holds our first migration and exactly our last one: nothing to do, no lock needed. */
async function upToDate(client: ClientBase): Promise<boolean> {
  const first = journal.firstHash();
  const latest = journal.latestMillis();
  try {
    const { rows } = await client.query<{ last: string | null; ours: boolean | null }>(
      `SELECT max(created_at)::text AS last, bool_or(hash = $1) AS ours FROM ${TABLE}`,
      [first],
    );
    return rows[0]?.ours === true && Number(rows[0].last) === latest;
  } catch (err) {
    if ((err as { code?: string }).code === '42P01' || (err as { code?: string }).code === '3F000') return false; // no table or schema yet: a new database
    throw err;
  }
}

/** A database with tables of another program is left alone. */
async function assertOurs(client: ClientBase, display: string, firstHash: string): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  if (rows.length === 0) return;
  const { rows: bookkeeping } = await client.query<{ ok: boolean }>(`SELECT to_regclass('${TABLE}') IS NOT NULL AS ok`);
  const ours =
    bookkeeping[0]?.ok && (await client.query(`SELECT 1 FROM ${TABLE} WHERE hash = $1`, [firstHash])).rowCount === 1;
  if (!ours) {
    throw new DbOpenError(
      `${display}: is not a syncdeck database (it has other tables: ${rows
        .slice(0, 3)
        .map((r) => r.name)
        .join(', ')})`,
    );
  }
}
