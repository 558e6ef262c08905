// The stores a test runs against: SQLite always, PostgreSQL when SYNCDECK_TEST_PG_URL
// names a server (scripts/ci-postgres.sh starts one; .ci/run always does). Each test gets
// an empty database of its own: a file in a temp dir, or a fresh PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { makeTempDir, removeTempDir } from './temp-dir.js';

/**
 * vi.waitFor's options for what a database server does soon (tells a commit to a listener,
 * takes a new connection): its default of 1 s is a few round trips on a loaded machine.
 */
export const SERVER_WAIT = { timeout: 10_000, interval: 50 } as const;

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
  return { kind, location: url.toString(), remove: () => dropTestDatabase(name) };
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

async function adminQuery(text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const DROP_ATTEMPTS = 5;
/** How long each attempt waits for the sessions it could not end to go by themselves. */
const SESSIONS_GONE_MS = 1_000;

/**
 * Drops a test database. `WITH (FORCE)` ends the sessions still attached, but the test role
 * is no superuser: a session of another role (a superuser's psql, a monitor) makes it fail
 * with "must be a member of the role whose process is being terminated". Then this ends
 * what it may, waits a moment for the rest to go, and tries again; a database that still
 * cannot be dropped is left on the server with a line on stderr, not a failed test.
 */
async function dropTestDatabase(name: string): Promise<void> {
  let last: unknown;
  for (let attempt = 1; attempt <= DROP_ATTEMPTS; attempt++) {
    try {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (err) {
      last = err;
    }
    await endSessionsWePermit(name).catch(() => undefined);
    await untilNoSession(name, SESSIONS_GONE_MS).catch(() => undefined);
  }
  const why = last instanceof Error ? last.message : String(last);
  process.stderr.write(`tests/helpers/stores.ts: test database ${name} left on the server: ${why}\n`);
}

/** pg_terminate_backend() on every other session of the database, one by one: a refusal leaves just that one. */
async function endSessionsWePermit(name: string): Promise<void> {
  const sessions = await adminQuery('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
    name,
  ]);
  for (const { pid } of sessions) {
    await adminQuery('SELECT pg_terminate_backend($1)', [pid]).catch(() => undefined);
  }
}

/** Resolves once no session is attached to the database, or after `withinMs`. */
async function untilNoSession(name: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const [row] = await adminQuery('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (Number(row?.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
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
