import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from '../schema.js';

/** What every query gets: the drizzle handle over the store's pool. Times in and out are the server's clock. */
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
