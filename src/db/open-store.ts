// Opens the store a `--db` value names, loading only that store's code: an engine on
// PostgreSQL does not load SQLite's native module and drizzle dialect, one on SQLite not
// the PostgreSQL store's (a start-up storm pays every module forty times;
// docs/ARCHITECTURE.md, Storage).
import { isPostgresUrl } from './postgres/url.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** PostgreSQL: connections this instance may hold (default 1; `?pool=N` in the URL wins). SQLite has one per process. */
  pool?: number;
  /** PostgreSQL: who holds the connection, for pg_stat_activity.application_name ("syncdeck engine 4121"). */
  label?: string;
  /** PostgreSQL: how long the first connection may take before the open fails (10 s by default). */
  firstConnectTimeoutMs?: number;
}

/** Like openStore() (src/db/index.ts), with the store's code loaded on demand. */
export async function openStoreOnDemand(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) return (await import('./postgres/pg-store.js')).PgStore.open(location, options);
  return (await import('./sqlite/sqlite-store.js')).SqliteStore.open(location);
}

/**
 * An existing SQLite file at this version's schema, opened for reading only; null for a
 * PostgreSQL URL (the dashboard's preview reads SQLite only: docs/ARCHITECTURE.md,
 * Composition root). Throws what openSqliteReadOnly throws.
 */
export async function openSqliteReadOnlyOnDemand(location: string): Promise<Store | null> {
  if (isPostgresUrl(location)) return null;
  return (await import('./sqlite/sqlite-store.js')).SqliteStore.openReadOnly(location);
}

export { isPostgresUrl };

/** `migrate-store`'s copier, loaded on demand: only that command needs the PostgreSQL driver at once. */
export const loadStoreMover = () => import('./move/copy.js');
