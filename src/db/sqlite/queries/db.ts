import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

/**
 * What every query gets: the drizzle handle and, for pragmas, the raw connection. The handle
 * is made without the schema: no query uses drizzle's relational API, and making its
 * relations config was about 5 ms of every store's opening (the dashboard's preview).
 */
export interface Db {
  orm: BetterSQLite3Database;
  raw: Database.Database;
}

/** A transaction's handle: the same queries as `orm`, inside one transaction. */
export type Tx = Parameters<Parameters<BetterSQLite3Database['transaction']>[0]>[0];
