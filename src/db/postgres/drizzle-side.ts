// drizzle's half of the PostgreSQL store, loaded by the first call that needs it (a run,
// a lease, history, alerts): an engine that starts on an up-to-date database and runs
// nothing yet goes without it (raw-queries.ts; docs/ARCHITECTURE.md, Storage).
import type pg from 'pg';
import { DrizzleQueryError } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db } from './queries/db.js';
import * as schema from './schema.js';

export * as queries from './queries/index.js';

const handles = new WeakMap<pg.Client, Db>();

/** The drizzle handle over one connection, made once. */
export function dbOf(client: pg.Client): Db {
  let db = handles.get(client);
  if (!db) {
    db = drizzle(client, { schema });
    handles.set(client, db);
  }
  return db;
}

/** The server's own error, not drizzle's wrapper (whose message holds the SQL and every parameter). */
export function serverError(err: unknown): unknown {
  return err instanceof DrizzleQueryError && err.cause ? err.cause : err;
}
