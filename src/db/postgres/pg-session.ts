// The connection side of the PostgreSQL store: opening in the background, one call at a
// time on a lane with the server's clock offset applied, transient failures retried,
// error messages scrubbed of the password, and the change notifications (lanes.ts).
// The store's query methods are in pg-store.ts.
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { ChangeFeed, isChangedTable } from '../change-feed.js';
import type { Store } from '../store.js';
import { ServerClock } from './clock.js';
import type { Lane, PgConnection } from './connection.js';
import type * as Queries from './queries/index.js';
import type * as DrizzleSideModule from './drizzle-side.js';
import type { Db } from './queries/db.js';
import { MAX_POOL, scrub, type PgTarget } from './url.js';

type DrizzleSide = typeof DrizzleSideModule;

/** Backstop for a server that stops answering (a dead network): the call fails instead of hanging. */
const CALL_TIMEOUT_MS = 15_000;
/** How often the engine makes sure the notifications still come (a lost connection is reopened as soon as it is noticed anyway). */
const CHANGE_SAFETY_NET_MS = 30_000;
const TRANSIENT_RETRIES = 5;
/** A clock reading this recent answers clockSkewMs() without another one. */
const FRESH_READING_MS = 1_000;
/** serialization_failure, deadlock_detected: the transaction was rolled back and may simply run again. */
const TRANSIENT_CODES = new Set(['40001', '40P01']);

type Connected = PgConnection & { runtimeError: (err: unknown) => unknown };
export interface Times {
  toServer: (t: number) => number;
  toLocal: (t: number) => number;
}

export interface PgStoreOptions {
  /** This computer's clock; tests pass one that is off to play a computer with a wrong clock. */
  localClock?: () => number;
  /** Connections this instance may hold (default 1); `?pool=N` in the URL wins. */
  pool?: number;
  /** Who holds the connection, shown in pg_stat_activity.application_name after "syncdeck ". */
  label?: string;
  /** How long the first connection may take (connection.ts, CONNECT_TIMEOUT_MS by default). */
  firstConnectTimeoutMs?: number;
  /** Told the text of every statement sent (tests count what a start costs the server). */
  onStatement?: (text: string) => void;
}

export abstract class PgSession {
  readonly location: string;
  private readonly target: PgTarget;
  private readonly clock: ServerClock;
  private readonly connected: Promise<Connected>;
  private readonly feed: ChangeFeed;
  private drizzleSide: Promise<DrizzleSide> | null = null;
  private drizzleLoaded: DrizzleSide | null = null;
  private markerListener: (() => void) | null = null;
  private closed = false;

  protected constructor(target: PgTarget, options: PgStoreOptions) {
    this.target = target;
    this.location = target.display;
    this.clock = new ServerClock(options.localClock);
    this.feed = new ChangeFeed({ first: () => void this.listen().catch(() => undefined) });
    const pool = Math.min(MAX_POOL, Math.max(1, target.pool ?? options.pool ?? 1));
    const applicationName = `syncdeck${options.label ? ` ${options.label}` : ''}`.slice(0, 63);
    const events = {
      notified: (payload: string) => this.feed.push(isChangedTable(payload) ? [payload] : null),
      reopened: () => this.feed.push(null),
    };
    this.connected = import('./connection.js').then(async (m) => ({
      ...(await m.connect(target, {
        pool,
        applicationName,
        events,
        firstConnectTimeoutMs: options.firstConnectTimeoutMs,
        onStatement: options.onStatement,
      })),
      runtimeError: (err: unknown) => m.runtimeError(err, target),
    }));
    this.connected.catch(() => undefined); // reported by the first call that waits for it
  }

  /** One call through drizzle (loaded with the first such call; see drizzle-side.ts). */
  protected async run<T>(
    op: (db: Db, q: typeof Queries, t: Times) => Promise<T>,
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<T> {
    if (this.closed) throw new Error(`database ${this.location} is closed`);
    const d = await this.drizzle();
    return this.call((client, t) => op(d.dbOf(client), d.queries, t), timeoutMs);
  }

  /**
   * One call in plain SQL (raw-queries.ts), which may still ask for drizzle over the same
   * connection (`drizzle()`) when it turns out to have work only drizzle's queries do.
   */
  protected runRaw<T>(
    op: (client: pg.Client, t: Times, drizzle: () => Promise<{ db: Db; q: typeof Queries }>) => Promise<T>,
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<T> {
    return this.call(
      (client, t) =>
        op(client, t, async () => {
          const d = await this.drizzle();
          return { db: d.dbOf(client), q: d.queries };
        }),
      timeoutMs,
    );
  }

  private drizzle(): Promise<DrizzleSide> {
    this.drizzleSide ??= import('./drizzle-side.js').then((m) => (this.drizzleLoaded = m));
    return this.drizzleSide;
  }

  /** One call on a lane of the connection: the clock read when due, times moved, a transient failure retried, errors scrubbed. */
  private async call<T>(op: (client: pg.Client, t: Times) => Promise<T>, timeoutMs: number): Promise<T> {
    if (this.closed) throw new Error(`database ${this.location} is closed`);
    const c = await this.connected;
    try {
      return await c.use(
        async (lane) => {
          if (this.clock.needsReading()) await this.readClock(lane);
          const offset = this.clock.offset;
          const t: Times = { toServer: (x) => x + offset, toLocal: (x) => x - offset };
          for (let attempt = 0; ; attempt++) {
            try {
              return await op(lane.client, t);
            } catch (wrapped) {
              const err = this.drizzleLoaded ? this.drizzleLoaded.serverError(wrapped) : wrapped;
              if (!TRANSIENT_CODES.has((err as { code?: string }).code ?? '') || attempt >= TRANSIENT_RETRIES)
                throw err;
              await delay(5 + Math.random() * 20 * (attempt + 1));
            }
          }
        },
        { timeoutMs },
      );
    } catch (err) {
      throw this.scrubbed(c.runtimeError(err));
    }
  }

  /** One reading of the server's clock between two local times. */
  private async readClock(lane: Lane): Promise<number> {
    const t0 = this.clock.local();
    const { rows } = await lane.client.query<{ ms: string }>(
      `SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8::text AS ms`,
    );
    const t1 = this.clock.local();
    return this.clock.reading(t0, Number(rows[0]?.ms), t1);
  }

  private async listen(): Promise<void> {
    const c = await this.connected;
    await c.listen();
  }

  /** Driver messages never hold the password; this makes sure of it. */
  private scrubbed(err: unknown): unknown {
    if (err instanceof Error && this.target.secrets.length > 0) {
      err.message = scrub(err.message, this.target.secrets);
      if (err.stack) err.stack = scrub(err.stack, this.target.secrets);
    }
    return err;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const c = await this.connected.catch(() => null);
    await c?.close();
  }

  /** Connections this store holds now (tests, benchmarks). */
  async openConnections(): Promise<number> {
    const c = await this.connected.catch(() => null);
    return c?.openCount ?? 0;
  }

  async clockSkewMs(): Promise<number> {
    if (this.closed) throw new Error(`database ${this.location} is closed`);
    // At start the instance row asks right after the first call read the clock: one round trip less.
    const recent = this.clock.recentSkew(FRESH_READING_MS);
    if (recent !== null) return recent;
    const c = await this.connected;
    try {
      return await c.use((lane) => this.readClock(lane), { timeoutMs: CALL_TIMEOUT_MS });
    } catch (err) {
      throw this.scrubbed(c.runtimeError(err));
    }
  }

  onChange: Store['onChange'] = (listener) => this.feed.add(listener);

  /** Notifications arrive by themselves: a safety net, not a scan. */
  readonly changeCheckMs = CHANGE_SAFETY_NET_MS;

  async checkChanges(): Promise<void> {
    if (!this.feed.listening) return;
    if (this.closed) throw new Error(`database ${this.location} is closed`);
    const c = await this.connected;
    try {
      await c.listen();
    } catch (err) {
      throw this.scrubbed(c.runtimeError(err));
    }
  }

  /** Counts the changes told (see onChange); a lost connection is opened again here, and counts as a change. */
  async changeMarker(): Promise<number> {
    if (this.closed) throw new Error(`database ${this.location} is closed`);
    this.markerListener ??= this.feed.add(() => undefined);
    const c = await this.connected;
    try {
      await c.listen();
    } catch (err) {
      throw this.scrubbed(c.runtimeError(err));
    }
    return this.feed.told;
  }
}
