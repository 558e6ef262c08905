export type { Store } from './store.js';
export * from './types.js';
export { DbOpenError, isBusyError, isStorageUnavailableError } from './errors.js';
export { SqliteStore } from './sqlite/sqlite-store.js';

import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** Opens the store a `--db` value names. Only SQLite files for now; a PostgreSQL URL will pick its own store. */
export function openStore(location: string): Store {
  return SqliteStore.open(location);
}
