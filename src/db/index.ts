export type { Store } from './store.js';
export * from './types.js';
export { CHANGED_TABLES, type ChangedTable, type ChangeListener, type StoreChange } from './change-feed.js';
export { DbUnavailableError, DbOpenError, isBusyError, isCorruptError, isStorageUnavailableError } from './errors.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export { PgStore } from './postgres/pg-store.js';
export { isPostgresUrl, redactUrl } from './postgres/url.js';

import { PgStore } from './postgres/pg-store.js';
import { isPostgresUrl } from './postgres/url.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { OpenStoreOptions } from './open-store.js';
import type { Store } from './store.js';

export { openStoreOnDemand, type OpenStoreOptions } from './open-store.js';

/**
 * Opens the store a `--db` value names: a postgres:// (or postgresql://) URL picks the
 * PostgreSQL store, anything else is an SQLite file. A PostgreSQL store connects in the
 * background; its first call reports a server that cannot be used.
 */
export function openStore(location: string, options: OpenStoreOptions = {}): Store {
  return isPostgresUrl(location) ? PgStore.open(location, options) : SqliteStore.open(location);
}
export {
  decodeRecent,
  encodeRecent,
  EMPTY_RECENT,
  RECENT_MAX,
  type FinishedOutcome,
  type RecentEntry,
} from './recent.js';
