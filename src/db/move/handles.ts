import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as pgs from '../postgres/schema.js';
import type * as lite from '../sqlite/schema.js';

export type LiteDb = BetterSQLite3Database<typeof lite>;
export type PgDb = NodePgDatabase<typeof pgs>;
