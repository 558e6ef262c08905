// The PostgreSQL store: any number of instances on any number of computers share one
// server. Opening is synchronous like SQLite's (the driver loads, connects and migrates in
// the background; every call waits for that, and an open failure rejects every call with
// the same DbOpenError). One connection per instance unless `pool` says more: the calls
// take turns on it, and it also carries the change notifications (lanes.ts).
//
// Clocks: the database holds the server's clock only. Callers pass and read their own
// clock (Date.now()) as with SQLite; every time is moved by the measured offset (clock.ts)
// on its way in and out, so leases, schedules and history agree across computers.
//
// This file is the Store's calls; opening, the connection and its notifications are the
// session's (pg-session.ts).
import { claimWins } from '../definitions-diff.js';
import { startRefusal } from '../start-check.js';
import type { Store } from '../store.js';
import type { RunRow, ScheduleState, TaskRow } from '../types.js';
import * as shiftAlerts from './alert-time-rows.js';
import { PgSession, type PgStoreOptions } from './pg-session.js';
import * as raw from './raw-queries.js';
import * as shift from './time-rows.js';
import { parsePgUrl, type PgTarget } from './url.js';

export type { PgStoreOptions } from './pg-session.js';

/** Definition syncing may queue behind another instance's (a start-up storm on a busy server). */
const SYNC_TIMEOUT_MS = 120_000;

/** Every Store call is one `run()` of the session: times go to the server's clock and back. */
export class PgStore extends PgSession implements Store {
  readonly kind = 'postgres' as const;

  private constructor(target: PgTarget, options: PgStoreOptions) {
    super(target, options);
  }

  /** Starts opening the database at `url` (postgres://user:password@host:port/dbname). Throws DbOpenError for a malformed URL. */
  static open(url: string, options: PgStoreOptions = {}): PgStore {
    return new PgStore(parsePgUrl(url), options);
  }

  /**
   * Compared first in plain SQL (one round trip): when nothing differs, nothing is locked or
   * written and drizzle is not even loaded. Otherwise one instance becomes the writer (it
   * holds the sync lock before it loads drizzle's write path) and the others wait for it,
   * then compare again: forty instances on a new database write the definitions once.
   */
  syncDefinitions: Store['syncDefinitions'] = (s, tasks, now, claim) =>
    this.runRaw(async (c, t, drizzle) => {
      const onServer = mapOpt(claim, (cl) => shift.shiftClaim(cl, t.toServer, t.toLocal));
      let empty = false;
      const nothingToWrite = async () => {
        const seen = await raw.definitionsUnchanged(c, s, tasks, onServer);
        if (seen.unchanged) return shift.shiftSync({ written: true, fleet: seen.fleet }, t.toLocal);
        if (onServer && !claimWins(seen.fleet, onServer))
          return shift.shiftSync({ written: false, fleet: seen.fleet }, t.toLocal);
        empty = seen.empty;
        return null;
      };
      for (;;) {
        const before = await nothingToWrite();
        if (before) return before;
        if (await raw.becomeWriter(c)) {
          try {
            // Another instance may have written them between the look and the lock.
            const after = await nothingToWrite();
            if (after) return after;
            if (empty) {
              const fleet = await raw.writeFirstDefinitions(c, s, tasks, t.toServer(now), onServer);
              return shift.shiftSync({ written: true, fleet }, t.toLocal);
            }
            const { db, q } = await drizzle();
            return shift.shiftSync(
              await q.definitions.syncDefinitions(db, s, tasks, t.toServer(now), onServer),
              t.toLocal,
            );
          } finally {
            await raw.stopWriting(c).catch(() => undefined);
          }
        }
        await raw.waitForWriter(c);
      }
    }, SYNC_TIMEOUT_MS);
  fleetConfig: Store['fleetConfig'] = () =>
    this.runRaw(
      async (c, t) => mapOpt((await raw.fleetConfig(c)) ?? undefined, (f) => shift.shiftFleet(f, t.toLocal)) ?? null,
    );
  listServices: Store['listServices'] = () =>
    this.runRaw(async (c, t) => (await raw.listServices(c)).map((r) => shift.shiftService(r, t.toLocal)));
  listTasks: Store['listTasks'] = () =>
    this.runRaw(async (c, t) => (await raw.listTasks(c)).map((r) => shift.shiftTask(r, t.toLocal)));
  getTask: Store['getTask'] = (id) =>
    this.runRaw(async (c, t) => mapOpt(await raw.getTask(c, id), (r) => shift.shiftTask(r, t.toLocal)));

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
    this.runRaw((c, t) => raw.registerInstance(c, shift.shiftInstance(row, t.toServer)));
  heartbeatInstance: Store['heartbeatInstance'] = (id, now) =>
    this.runRaw((c, t) => raw.heartbeatInstance(c, id, t.toServer(now)));
  markInstancesStopped: Store['markInstancesStopped'] = (ids, now) =>
    this.runRaw((c, t) => raw.markInstancesStopped(c, ids, t.toServer(now)));
  listInstances: Store['listInstances'] = (options) =>
    this.runRaw(async (c, t) =>
      (await raw.listInstances(c, options?.running)).map((r) => shift.shiftInstance(r, t.toLocal)),
    );

  startRun: Store['startRun'] = (input) =>
    this.runRaw(async (c, t, drizzle) => {
      const onServer = shift.shiftStart(input, t.toServer);
      // A look without a lock first, in plain SQL: an instance that finds every task held or not due needs no drizzle.
      const early = startRefusal(await raw.getTask(c, input.taskId), onServer);
      if (early) return early;
      const { db, q } = await drizzle();
      const r = await q.leases.startRun(db, onServer);
      return r.started ? { ...r, run: shift.shiftRun(r.run, t.toLocal) } : r;
    });
  renewLeases: Store['renewLeases'] = (id, now, ttl) =>
    this.runRaw((c, t) => raw.renewLeases(c, id, t.toServer(now) + ttl));
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
  interruptOrphanRuns: Store['interruptOrphanRuns'] = async (now, msg, exp, scheduleOf, alertOf) => {
    // Usually nothing is orphaned: one plain read says so, without drizzle.
    if (!(await this.runRaw((c, t) => raw.anythingOrphaned(c, t.toServer(now))))) return [];
    return this.interruptOrphans(now, msg, exp, scheduleOf, alertOf);
  };
  private interruptOrphans: Store['interruptOrphanRuns'] = (now, msg, exp, scheduleOf, alertOf) =>
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
