// Connects the PostgreSQL store: a small pool, the migrations (on a connection of their
// own, without the statement timeout), and the change listener. Loaded only when a
// PostgreSQL URL is opened, so SQLite users never load the driver.
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { DbOpenError } from '../errors.js';
import { ChangeListener } from './listener.js';
import { migrate } from './migrate.js';
import type { Db } from './queries/db.js';
import * as schema from './schema.js';
import { scrub, type PgTarget } from './url.js';

export * as queries from './queries/index.js';

/** A statement that waits this long (a lock never released, a server too busy) fails instead. */
export const STATEMENT_TIMEOUT_MS = 10_000;

export interface PgConnection {
  pool: pg.Pool;
  db: Db;
  listener: ChangeListener;
  /** One reading of the server's clock between two local times, on an already open connection. */
  readClock(local: () => number): Promise<{ t0: number; server: number; t1: number }>;
  close(): Promise<void>;
}

function baseConfig(target: PgTarget): pg.ClientConfig {
  return {
    connectionString: target.connectionString,
    application_name: 'syncdeck',
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

export async function connect(target: PgTarget): Promise<PgConnection> {
  const migrator = new pg.Client(baseConfig(target));
  migrator.on('error', () => undefined);
  try {
    await migrator.connect();
    await migrate(migrator, target.display);
  } catch (err) {
    throw openError(err, target);
  } finally {
    await migrator.end().catch(() => undefined);
  }

  const sessionConfig = { ...baseConfig(target), statement_timeout: STATEMENT_TIMEOUT_MS, idle_in_transaction_session_timeout: 3 * STATEMENT_TIMEOUT_MS };
  const pool = new pg.Pool({ ...sessionConfig, max: 4, idleTimeoutMillis: 30_000 });
  // An idle connection that loses its server is dropped by the pool; the next query opens another.
  pool.on('error', () => undefined);
  const listener = new ChangeListener(() => new pg.Client(baseConfig(target)));
  return {
    pool,
    db: drizzle(pool, { schema }),
    listener,
    async readClock(local) {
      const client = await pool.connect();
      try {
        const t0 = local();
        const { rows } = await client.query<{ ms: string }>(`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8::text AS ms`);
        const t1 = local();
        return { t0, server: Number(rows[0]?.ms), t1 };
      } finally {
        client.release();
      }
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/** One line for the user, naming the server by its redacted URL. */
function openError(err: unknown, target: PgTarget): Error {
  if (err instanceof DbOpenError) return err;
  const e = err as { code?: string; message?: string };
  const why =
    e.code === 'ECONNREFUSED' ? 'connection refused (is the server running, and listening there?)'
    : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'the server name was not found'
    : e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '') ? 'the server did not answer in time'
    : (e.message ?? String(err));
  return new DbOpenError(`${target.display}: cannot open the database: ${scrub(why, target.secrets)}`);
}
