// The stores a test runs against: SQLite always, PostgreSQL when SYNCDECK_TEST_PG_URL
// names a server (scripts/ci-postgres.sh starts one; .ci/run always does). Each test gets
// an empty database of its own: a file in a temp dir, or a fresh PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { makeTempDir, removeTempDir } from './temp-dir.js';

export type StoreKind = 'sqlite' | 'postgres';

/** `npm run test:fast` sets SYNCDECK_TEST_STORES=sqlite: the inner loop needs no server. */
const SQLITE_ONLY = process.env.SYNCDECK_TEST_STORES === 'sqlite';

export const PG_URL = SQLITE_ONLY ? undefined : process.env.SYNCDECK_TEST_PG_URL || undefined;

if (!PG_URL && !SQLITE_ONLY && process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') {
  throw new Error(
    'CI runs the store tests against PostgreSQL too: set SYNCDECK_TEST_PG_URL (eval "$(scripts/ci-postgres.sh start)")',
  );
}

export const STORE_KINDS: StoreKind[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface StoreLocation {
  kind: StoreKind;
  /** What `--db` / openStore() takes: a file path or a postgres:// URL. */
  location: string;
  remove(): Promise<void>;
}

/** A new, empty database of that kind. */
export async function makeStoreLocation(kind: StoreKind, prefix = 'syncdeck-store-'): Promise<StoreLocation> {
  if (kind === 'sqlite') {
    const dir = makeTempDir(prefix);
    return { kind, location: join(dir, 'syncdeck.db'), remove: async () => removeTempDir(dir) };
  }
  if (!PG_URL) throw new Error('SYNCDECK_TEST_PG_URL is not set');
  const name = `syncdeck_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return { kind, location: url.toString(), remove: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A fresh database for every test of the calling `describe`; call the getter inside a test. */
export function useStoreLocation(kind: StoreKind, prefix?: string): () => StoreLocation {
  let current: StoreLocation | undefined;
  beforeEach(async () => {
    current = await makeStoreLocation(kind, prefix);
  });
  afterEach(async () => {
    await current?.remove();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useStoreLocation(): the database exists only inside a test');
    return current;
  };
}

/** The password a PostgreSQL location carries (null for a file, or a URL without one). */
export function passwordOf(location: string): string | null {
  if (!/^postgres(ql)?:/.test(location)) return null;
  return decodeURIComponent(new URL(location).password) || null;
}

/** The same database with the password moved from the URL to PGPASSWORD (a file stays as it is). */
export function withPasswordInEnv(location: string): { url: string; env: Record<string, string> } {
  const password = passwordOf(location);
  if (password === null) return { url: location, env: {} };
  const url = new URL(location);
  url.password = '';
  return { url: url.toString(), env: { PGPASSWORD: password } };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Runs one statement on a PostgreSQL location, past the store. */
export async function pgQuery(
  location: string,
  text: string,
  values: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Rows in a table, read past the store: proves rows are gone, not just hidden. */
export async function countRows(where: StoreLocation, table: 'run_logs' | 'run_exchanges' | 'runs'): Promise<number> {
  if (where.kind === 'sqlite') {
    const db = new Database(where.location, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const [row] = await pgQuery(where.location, `SELECT count(*) AS n FROM ${table}`);
  return Number(row?.n);
}
