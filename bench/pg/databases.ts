// PostgreSQL databases for the benchmarks, on the server a URL names (its user needs
// CREATEDB): a fresh one per measurement, and the 1M-run history copied once with
// migrate-store and reused while complete.
import pg from 'pg';
import { copySqliteToPostgres } from '../../src/db/move/copy.js';
import { progress } from '../lib/timing.js';

/** The same server and credentials, another database. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** An empty database called `name` (dropped first if it exists). */
export async function freshDatabase(url: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(url, `CREATE DATABASE ${name}`);
  return { url: databaseUrl(url, name), drop: () => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The SQLite dataset's history in a PostgreSQL database of its own; a complete earlier copy is reused (the copy resumes). */
export async function pgDataset(
  url: string,
  sqliteFile: string,
  name = 'syncdeck_bench_history',
): Promise<{ url: string; copied: number; ms: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const target = databaseUrl(url, name);
  const started = performance.now();
  let last = 0;
  const report = await copySqliteToPostgres(sqliteFile, target, (label, copied, total) => {
    if (performance.now() - last < 10_000) return;
    last = performance.now();
    progress(`postgres: copying the dataset: ${label} ${copied} of ${total}`);
  });
  await admin(target, 'ANALYZE');
  const copied = Object.values(report.copied).reduce((a, b) => a + b, 0);
  return { url: target, copied, ms: performance.now() - started };
}
