// Connects the PostgreSQL store: its connections (lanes.ts: one by default), the
// migrations on the first one (without the statement timeout), and the change
// notifications. Loaded only when a PostgreSQL URL is opened, so SQLite users never load
// the driver; drizzle is not loaded here either (drizzle-side.ts, on first use).
import pg from 'pg';
import { DbUnavailableError, DbOpenError } from '../errors.js';
import { Lanes, type Lane, type LaneEvents, type LaneOpener, type UseOptions } from './lanes.js';
import { migrate } from './migrate.js';
import { openProblem, connectionProblem } from './problems.js';
import { scrub, type PgTarget } from './url.js';

export type { Lane } from './lanes.js';

/** A statement that waits this long (a lock never released, a server too busy) fails instead. */
export const STATEMENT_TIMEOUT_MS = 10_000;
/** A connection that is not ready this long after it was asked for fails (the server or the network does not answer). */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface PgConnectOptions {
  /** Connections at most (1: the queries and the notifications share one). */
  pool: number;
  /** Shown in pg_stat_activity.application_name. */
  applicationName: string;
  events: LaneEvents;
  /**
   * How long the first connection may take (default CONNECT_TIMEOUT_MS). Engines and
   * dashboards started together with many others on a busy server wait longer than a
   * short command before they give up.
   */
  firstConnectTimeoutMs?: number;
  /** Told the text of every statement sent on any connection (tests). */
  onStatement?: (text: string) => void;
}

export interface PgConnection {
  /** Runs `fn` with a connection of its own until it settles (see lanes.ts). */
  use<T>(fn: (lane: Lane) => Promise<T>, options?: UseOptions): Promise<T>;
  /** Other instances' changes are told to `events.notified` from now on. */
  listen(): Promise<void>;
  /** Connections open now. */
  readonly openCount: number;
  close(): Promise<void>;
}

function opener(
  target: PgTarget,
  applicationName: string,
  firstConnectTimeoutMs = CONNECT_TIMEOUT_MS,
  onStatement?: (text: string) => void,
): LaneOpener {
  let migrated = false;
  return async (main, gone) => {
    const client = new pg.Client({
      connectionString: target.connectionString,
      application_name: applicationName,
      connectionTimeoutMillis: main && !migrated ? firstConnectTimeoutMs : CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      types: ROW_TYPES,
      idle_in_transaction_session_timeout: 3 * STATEMENT_TIMEOUT_MS,
    });
    client.on('error', gone);
    client.on('end', gone);
    if (onStatement) tellStatements(client, onStatement);
    try {
      await client.connect();
      if (main && !migrated) {
        await migrate(client, target.display);
        migrated = true;
      }
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    // Known from the connection's start-up (BackendKeyData); node-postgres does not type it.
    const pid = Number((client as unknown as { processID?: number | null }).processID ?? -1);
    return { client, pid };
  };
}

export async function connect(target: PgTarget, options: PgConnectOptions): Promise<PgConnection> {
  const lanes = new Lanes(
    opener(target, options.applicationName, options.firstConnectTimeoutMs, options.onStatement),
    options.pool,
    options.events,
  );
  try {
    await lanes.start();
  } catch (err) {
    await lanes.close();
    throw openError(err, target);
  }
  return {
    use: (fn, useOptions) => lanes.use(fn, useOptions),
    listen: () => lanes.listen(),
    get openCount() {
      return lanes.openCount;
    },
    close: () => lanes.close(),
  };
}

const INT8 = 20;
type Parser = (text: string) => unknown;
const builtIn = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => Parser;
/**
 * The plain-SQL reads' parsers (raw-rows.ts): node-postgres's, but bigint (times, ids) as
 * a number, as drizzle's `mode: 'number'` reads it. drizzle's own queries pass parsers of
 * their own and are not affected.
 */
const ROW_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): Parser =>
    oid === INT8 ? Number : builtIn(oid, format)) as typeof pg.types.getTypeParser,
};

/** Calls `tell` with the text of each statement the client is given (a string or a query config). */
function tellStatements(client: pg.Client, tell: (text: string) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: string } | null;
    tell(typeof first === 'string' ? first : (first?.text ?? ''));
    return query(...args);
  };
}

/** One line for the user, naming the server by its redacted URL. */
export function openError(err: unknown, target: PgTarget): Error {
  if (err instanceof DbOpenError) return err;
  const why = scrub(openProblem(err), target.secrets);
  const message = `${target.display}: cannot open the database: ${why}`;
  return connectionProblem(err) ? new DbUnavailableError(message, why) : new DbOpenError(message);
}

/** A connection problem after the start, in one line naming the server; other errors are left as they are. */
export function runtimeError(err: unknown, target: PgTarget): unknown {
  if (err instanceof DbOpenError) return err;
  const problem = connectionProblem(err);
  if (!problem) return err;
  const why = scrub(problem, target.secrets);
  return new DbUnavailableError(`${target.display}: cannot reach the database: ${why}`, why);
}
