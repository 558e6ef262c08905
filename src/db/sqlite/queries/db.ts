import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from '../schema.js';

/** What every query gets: the drizzle handle and, for pragmas, the raw connection. */
export interface Db {
  orm: BetterSQLite3Database<typeof schema>;
  raw: Database.Database;
}

/** A transaction's handle: the same queries as `orm`, inside one transaction. */
export type Tx = Parameters<Parameters<BetterSQLite3Database<typeof schema>['transaction']>[0]>[0];
