// The PostgreSQL store: any number of instances on any number of computers share one
// server. Opening is synchronous like SQLite's (the driver loads, connects and migrates in
// the background; every call waits for that, and an open failure rejects every call with
// the same DbOpenError). One connection per instance unless `pool` says more: the calls
// take turns on it, and it also carries the change notifications (lanes.ts).
//
// Clocks: the database holds the server's clock only. Callers pass and read their own
// clock (Date.now()) as with SQLite; every time is moved by the measured offset (clock.ts)
// on its way in and out, so leases, schedules and history agree across computers.
import { setTimeout as delay } from 'node:timers/promises';
import { DrizzleQueryError } from 'drizzle-orm';
import { ChangeFeed, isChangedTable } from '../change-feed.js';
import type { Store } from '../store.js';
import type { RunRow, ScheduleState, TaskRow } from '../types.js';
import * as shiftAlerts from './alert-time-rows.js';
import { ServerClock } from './clock.js';
import type { Lane, PgConnection } from './connection.js';
import type * as Queries from './queries/index.js';
import type { Db } from './queries/db.js';
import * as shift from './time-rows.js';
import { MAX_POOL, parsePgUrl, scrub, type PgTarget } from './url.js';

/** Backstop for a server that stops answering (a dead network): the call fails instead of hanging. */
const CALL_TIMEOUT_MS = 15_000;
/** How often the engine makes sure the notifications still come (a lost connection is reopened as soon as it is noticed anyway). */
const CHANGE_SAFETY_NET_MS = 30_000;
/** Definition syncing may queue behind another instance's (a start-up storm on a busy server). */
const SYNC_TIMEOUT_MS = 120_000;
const TRANSIENT_RETRIES = 5;
/** serialization_failure, deadlock_detected: the transaction was rolled back and may simply run again. */
const TRANSIENT_CODES = new Set(['40001', '40P01']);

type Connected = PgConnection & { q: typeof Queries; runtimeError: (err: unknown) => unknown };
interface Times {
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
}

export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly location: string;
  private readonly target: PgTarget;
  private readonly clock: ServerClock;
  private readonly connected: Promise<Connected>;
  private readonly feed: ChangeFeed;
  private markerListener: (() => void) | null = null;
  private closed = false;

  private constructor(target: PgTarget, options: PgStoreOptions) {
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
      })),
      q: m.queries,
      runtimeError: (err: unknown) => m.runtimeError(err, target),
    }));
    this.connected.catch(() => undefined); // reported by the first call that waits for it
  }

  /** Starts opening the database at `url` (postgres://user:password@host:port/dbname). Throws DbOpenError for a malformed URL. */
  static open(url: string, options: PgStoreOptions = {}): PgStore {
    return new PgStore(parsePgUrl(url), options);
  }

  private async run<T>(
    op: (db: Db, q: typeof Queries, t: Times) => Promise<T>,
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<T> {
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
              return await op(lane.db, c.q, t);
            } catch (wrapped) {
              // The server's own error, not drizzle's wrapper (whose message holds the SQL and every parameter).
              const err = wrapped instanceof DrizzleQueryError && wrapped.cause ? wrapped.cause : wrapped;
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

  syncDefinitions: Store['syncDefinitions'] = (s, tasks, now, claim) =>
    this.run(
      async (db, q, t) =>
        shift.shiftSync(
          await q.definitions.syncDefinitions(
            db,
            s,
            tasks,
            t.toServer(now),
            mapOpt(claim, (c) => shift.shiftClaim(c, t.toServer)),
          ),
          t.toLocal,
        ),
      SYNC_TIMEOUT_MS,
    );
  fleetConfig: Store['fleetConfig'] = () =>
    this.run(
      async (db, q, t) =>
        mapOpt((await q.definitions.fleetConfig(db)) ?? undefined, (f) => shift.shiftFleet(f, t.toLocal)) ?? null,
    );
  listServices: Store['listServices'] = () =>
    this.run(async (db, q, t) => (await q.definitions.listServices(db)).map((r) => shift.shiftService(r, t.toLocal)));
  listTasks: Store['listTasks'] = () =>
    this.run(async (db, q, t) => (await q.definitions.listTasks(db)).map((r) => shift.shiftTask(r, t.toLocal)));
  getTask: Store['getTask'] = (id) =>
    this.run(async (db, q, t) => mapOpt(await q.definitions.getTask(db, id), (r) => shift.shiftTask(r, t.toLocal)));

  getRun: Store['getRun'] = (id) =>
    this.run(async (db, q, t) => mapOpt(await q.history.getRun(db, id), (r) => shift.shiftRun(r, t.toLocal)));
  getRuns: Store['getRuns'] = (ids) =>
    this.run(async (db, q, t) => (await q.history.getRuns(db, ids)).map((r) => shift.shiftRun(r, t.toLocal)));
  historyPage: Store['historyPage'] = (query) =>
    this.run(async (db, q, t) =>
      (await q.history.historyPage(db, { ...query, filter: shift.shiftFilter(query.filter, t.toServer) })).map((r) =>
        shift.shiftRun(r, t.toLocal),
      ),
    );
  countHistory: Store['countHistory'] = (f, bound) =>
    this.run((db, q, t) => q.history.countHistory(db, shift.shiftFilter(f, t.toServer), bound));
  runLog: Store['runLog'] = (id) =>
    this.run(async (db, q, t) => (await q.history.runLog(db, id)).map((r) => shift.shiftAt(r, t.toLocal)));
  runExchanges: Store['runExchanges'] = (id) =>
    this.run(async (db, q, t) => (await q.history.runExchangeRows(db, id)).map((r) => shift.shiftAt(r, t.toLocal)));

  registerInstance: Store['registerInstance'] = (row) =>
    this.run((db, q, t) => q.instances.registerInstance(db, shift.shiftInstance(row, t.toServer)));
  heartbeatInstance: Store['heartbeatInstance'] = (id, now) =>
    this.run((db, q, t) => q.instances.heartbeatInstance(db, id, t.toServer(now)));
  markInstancesStopped: Store['markInstancesStopped'] = (ids, now) =>
    this.run((db, q, t) => q.instances.markInstancesStopped(db, ids, t.toServer(now)));
  listInstances: Store['listInstances'] = (options) =>
    this.run(async (db, q, t) =>
      (await q.instances.listInstances(db, options?.running)).map((r) => shift.shiftInstance(r, t.toLocal)),
    );

  startRun: Store['startRun'] = (input) =>
    this.run(async (db, q, t) => {
      const r = await q.leases.startRun(db, shift.shiftStart(input, t.toServer));
      return r.started ? { ...r, run: shift.shiftRun(r.run, t.toLocal) } : r;
    });
  renewLeases: Store['renewLeases'] = (id, now, ttl) =>
    this.run((db, q, t) => q.leases.renewLeases(db, id, t.toServer(now), ttl));
  appendLog: Store['appendLog'] = (id, lines) =>
    this.run((db, q, t) =>
      q.runs.appendLog(
        db,
        id,
        lines.map((l) => shift.shiftAt(l, t.toServer)),
      ),
    );
  addExchange: Store['addExchange'] = (id, ex) =>
    this.run((db, q, t) => q.runs.addExchange(db, id, shift.shiftAt(ex, t.toServer)));
  setProgress: Store['setProgress'] = (id, done, total) => this.run((db, q) => q.runs.setProgress(db, id, done, total));
  finishRun: Store['finishRun'] = (input) =>
    this.run((db, q, t) =>
      q.leases.finishRun(
        db,
        shift.shiftFinish(
          { ...input, alert: input.alert && shiftAlerts.shiftNewAlert(input.alert, t.toServer) },
          t.toServer,
        ),
      ),
    );
  requestStop: Store['requestStop'] = (id, by, now) =>
    this.run((db, q, t) => q.leases.requestStop(db, id, by, t.toServer(now)));
  setPaused: Store['setPaused'] = (id, paused) => this.run((db, q) => q.runs.setPaused(db, id, paused));
  setSchedule: Store['setSchedule'] = (id, s) =>
    this.run((db, q, t) => q.runs.setSchedule(db, id, shift.shiftSchedule(s, t.toServer)));
  freeLeasesOf: Store['freeLeasesOf'] = (ids) => this.run((db, q) => q.leases.freeLeasesOf(db, ids));
  interruptOrphanRuns: Store['interruptOrphanRuns'] = (now, msg, exp, scheduleOf, alertOf) =>
    this.run(async (db, q, t) => {
      // The caller computes schedules on its own clock: rows go out in its time, the schedule comes back in the server's.
      const onServer =
        scheduleOf &&
        ((task: TaskRow, run: RunRow) =>
          shift.shiftSchedule(
            scheduleOf(shift.shiftTask(task, t.toLocal), shift.shiftRun(run, t.toLocal)),
            t.toServer,
          ));
      const alertOnServer =
        alertOf &&
        ((task: TaskRow, run: RunRow, s: ScheduleState) => {
          const alert = alertOf(
            shift.shiftTask(task, t.toLocal),
            shift.shiftRun(run, t.toLocal),
            shift.shiftSchedule(s, t.toLocal),
          );
          return alert && shiftAlerts.shiftNewAlert(alert, t.toServer);
        });
      return (
        await q.leases.interruptOrphanRuns(db, t.toServer(now), msg, t.toServer(exp), onServer, alertOnServer)
      ).map((r) => shift.shiftRun(r, t.toLocal));
    });

  raiseAlert: Store['raiseAlert'] = (key, alert) =>
    this.run(
      async (db, q, t) =>
        mapOpt((await q.alerts.raiseAlert(db, key, shiftAlerts.shiftNewAlert(alert, t.toServer))) ?? undefined, (r) =>
          shiftAlerts.shiftAlert(r, t.toLocal),
        ) ?? null,
    );
  listAlerts: Store['listAlerts'] = (limit, visible) =>
    this.run(async (db, q, t) =>
      (await q.alerts.listAlerts(db, limit, visible)).map((a) => shiftAlerts.shiftListing(a, t.toLocal)),
    );
  claimDelivery: Store['claimDelivery'] = (claim) =>
    this.run(
      async (db, q, t) =>
        mapOpt((await q.deliveries.claimDelivery(db, shiftAlerts.shiftClaim(claim, t.toServer))) ?? undefined, (c) =>
          shiftAlerts.shiftClaimed(c, t.toLocal),
        ) ?? null,
    );
  finishDelivery: Store['finishDelivery'] = (result) =>
    this.run((db, q, t) => q.deliveries.finishDelivery(db, shiftAlerts.shiftResult(result, t.toServer)));
  nextDeliveryAt: Store['nextDeliveryAt'] = (channels) =>
    this.run(async (db, q, t) => {
      const at = await q.deliveries.nextDeliveryAt(db, channels);
      return at === null ? null : t.toLocal(at);
    });
  channelTrouble: Store['channelTrouble'] = () =>
    this.run(async (db, q, t) =>
      (await q.deliveries.channelTrouble(db)).map((r) => shiftAlerts.shiftTrouble(r, t.toLocal)),
    );
  listUnrunnable: Store['listUnrunnable'] = () =>
    this.run(async (db, q, t) =>
      (await q.unrunnable.listUnrunnable(db)).map((r) => shiftAlerts.shiftUnrunnable(r, t.toLocal)),
    );
  openUnrunnable: Store['openUnrunnable'] = (taskId, now) =>
    this.run(async (db, q, t) => t.toLocal(await q.unrunnable.openUnrunnable(db, taskId, t.toServer(now))));
  raiseUnrunnable: Store['raiseUnrunnable'] = (taskId, alert) =>
    this.run(
      async (db, q, t) =>
        mapOpt(
          (await q.unrunnable.raiseUnrunnable(db, taskId, shiftAlerts.shiftNewAlert(alert, t.toServer))) ?? undefined,
          (r) => shiftAlerts.shiftAlert(r, t.toLocal),
        ) ?? null,
    );
  closeUnrunnable: Store['closeUnrunnable'] = (taskId, alert) =>
    this.run(
      async (db, q, t) =>
        mapOpt(
          (await q.unrunnable.closeUnrunnable(db, taskId, alert && shiftAlerts.shiftNewAlert(alert, t.toServer))) ??
            undefined,
          (r) => shiftAlerts.shiftAlert(r, t.toLocal),
        ) ?? null,
    );

  purgeExpiredDetails: Store['purgeExpiredDetails'] = (cutoffs, now, batch) =>
    this.run((db, q, t) =>
      q.retention.purgeExpiredDetails(
        db,
        cutoffs.map((c) => ({ ...c, finishedBefore: t.toServer(c.finishedBefore) })),
        t.toServer(now),
        batch,
      ),
    );
  deleteSummariesBefore: Store['deleteSummariesBefore'] = (cutoff, batch) =>
    this.run((db, q, t) => q.retention.deleteSummariesBefore(db, t.toServer(cutoff), batch));
  deleteAlertsBefore: Store['deleteAlertsBefore'] = (cutoff, batch) =>
    this.run((db, q, t) => q.alerts.deleteAlertsBefore(db, t.toServer(cutoff), batch));

  getState: Store['getState'] = (taskId) => this.run((db, q) => q.state.getState(db, taskId));
  setState: Store['setState'] = (taskId, key, value, now) =>
    this.run((db, q, t) => q.state.setState(db, taskId, key, value, t.toServer(now)));
}

function mapOpt<T>(row: T | undefined, f: (r: T) => T): T | undefined {
  return row === undefined ? undefined : f(row);
}
