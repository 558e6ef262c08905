import { drizzle } from 'drizzle-orm/better-sqlite3';
import { setTimeout as delay } from 'node:timers/promises';
import { ChangeFeed } from '../change-feed.js';
import { isBusyError } from '../errors.js';
import type { Store } from '../store.js';
import type { FinishRunInput, StartRunInput } from '../types.js';
import { ChangeCheck, CHANGE_CHECK_MS } from './change-check.js';
import { openSqlite, openSqliteReadOnly } from './open.js';
import { GroupCommit } from './group-commit.js';
import { PurgeWorker } from './purge-worker.js';
import type { Db } from './queries/db.js';
import * as alerts from './queries/alerts.js';
import * as definitions from './queries/definitions.js';
import * as deliveries from './queries/deliveries.js';
import * as history from './queries/history.js';
import * as instances from './queries/instances.js';
import * as leases from './queries/leases.js';
import * as retention from './queries/retention.js';
import * as runBatches from './queries/run-batches.js';
import * as runs from './queries/runs.js';
import * as state from './queries/state.js';
import * as unrunnable from './queries/unrunnable.js';

/** Lock waits beyond the short busy timeout are retried asynchronously, so other work keeps going. */
const BUSY_RETRIES = 60;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: Db;
  private readonly feed: ChangeFeed;
  private readonly changes: ChangeCheck;
  private closed = false;

  readonly changeCheckMs = CHANGE_CHECK_MS;

  private constructor(db: Db, location: string) {
    this.db = db;
    this.location = location;
    this.feed = new ChangeFeed({ first: () => this.changes.baseline() });
    this.changes = new ChangeCheck(db.raw, this.feed);
  }

  /** Opens (creating and migrating when new) the database at `path`. Throws DbOpenError with one clear line. */
  static open(path: string): SqliteStore {
    const { db, file } = openSqlite(path);
    return new SqliteStore({ raw: db, orm: drizzle(db) }, file);
  }

  /** Opens an existing, up-to-date database for reading only (openSqliteReadOnly); throws otherwise. */
  static openReadOnly(path: string): SqliteStore {
    const { db, file } = openSqliteReadOnly(path);
    return new SqliteStore({ raw: db, orm: drizzle(db) }, file);
  }

  private async run<T>(op: (db: Db) => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return op(this.db);
      } catch (err) {
        if (!isBusyError(err) || attempt >= BUSY_RETRIES) throw err;
        await delay(Math.min(5 + attempt * 10, 200));
      }
    }
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.purgerOf?.close();
    this.db.raw.close();
  }

  clockSkewMs = async () => 0;

  onChange: Store['onChange'] = (listener) => this.feed.add(listener);

  checkChanges = () =>
    this.run(() => {
      if (this.feed.listening) this.changes.check();
    });

  changeMarker = () => this.run(() => this.changes.read());

  syncDefinitions: Store['syncDefinitions'] = (s, t, now, claim) =>
    this.run((db) => definitions.syncDefinitions(db, s, t, now, claim));
  fleetConfig: Store['fleetConfig'] = () => this.run(definitions.fleetConfig);
  listServices: Store['listServices'] = () => this.run(definitions.listServices);
  listTasks: Store['listTasks'] = () => this.run(definitions.listTasks);
  getTask: Store['getTask'] = (id) => this.run((db) => definitions.getTask(db, id));

  getRun: Store['getRun'] = (id) => this.run((db) => history.getRun(db, id));
  getRuns: Store['getRuns'] = (ids) => this.run((db) => history.getRuns(db, ids));
  historyPage: Store['historyPage'] = (q) => this.run((db) => history.historyPage(db, q));
  countHistory: Store['countHistory'] = (f, bound) => this.run((db) => history.countHistory(db, f, bound));
  runLog: Store['runLog'] = (id) => this.run((db) => history.runLog(db, id));
  runExchanges: Store['runExchanges'] = (id) => this.run((db) => history.runExchangeRows(db, id));

  registerInstance: Store['registerInstance'] = (row) => this.run((db) => instances.registerInstance(db, row));
  heartbeatInstance: Store['heartbeatInstance'] = (id, now) =>
    this.run((db) => instances.heartbeatInstance(db, id, now));
  markInstancesStopped: Store['markInstancesStopped'] = (ids, now) =>
    this.run((db) => instances.markInstancesStopped(db, ids, now));
  listInstances: Store['listInstances'] = (options) => this.run((db) => instances.listInstances(db, options?.running));

  // Group commit (group-commit.ts): starts, and ends, made in the same turn share a transaction.
  private readonly starts = new GroupCommit((inputs: StartRunInput[]) =>
    this.run((db) => runBatches.startRuns(db, inputs)),
  );
  private readonly finishes = new GroupCommit((inputs: FinishRunInput[]) =>
    this.run((db) => runBatches.finishRuns(db, inputs)),
  );
  startRun: Store['startRun'] = (input) => this.starts.add(input);
  renewLeases: Store['renewLeases'] = (id, now, ttl) => this.run((db) => leases.renewLeases(db, id, now, ttl));
  appendLog: Store['appendLog'] = (id, lines) => this.run((db) => runs.appendLog(db, id, lines));
  addExchange: Store['addExchange'] = (id, ex) => this.run((db) => runs.addExchange(db, id, ex));
  setProgress: Store['setProgress'] = (id, done, total) => this.run((db) => runs.setProgress(db, id, done, total));
  finishRun: Store['finishRun'] = (input) => this.finishes.add(input);
  requestStop: Store['requestStop'] = (id, by, now) => this.run((db) => leases.requestStop(db, id, by, now));
  setPaused: Store['setPaused'] = (id, paused) => this.run((db) => runs.setPaused(db, id, paused));
  setSchedule: Store['setSchedule'] = (id, s) => this.run((db) => runs.setSchedule(db, id, s));
  freeLeasesOf: Store['freeLeasesOf'] = (ids) => this.run((db) => leases.freeLeasesOf(db, ids));
  interruptOrphanRuns: Store['interruptOrphanRuns'] = (now, msg, exp, scheduleOf, alertOf) =>
    this.run((db) => leases.interruptOrphanRuns(db, now, msg, exp, scheduleOf, alertOf));

  raiseAlert: Store['raiseAlert'] = (key, alert) => this.run((db) => alerts.raiseAlert(db, key, alert));
  listAlerts: Store['listAlerts'] = (limit, visible) => this.run((db) => alerts.listAlerts(db, limit, visible));
  claimDelivery: Store['claimDelivery'] = (claim) => this.run((db) => deliveries.claimDelivery(db, claim));
  finishDelivery: Store['finishDelivery'] = (result) => this.run((db) => deliveries.finishDelivery(db, result));
  nextDeliveryAt: Store['nextDeliveryAt'] = (channels) => this.run((db) => deliveries.nextDeliveryAt(db, channels));
  channelTrouble: Store['channelTrouble'] = () => this.run(deliveries.channelTrouble);
  listUnrunnable: Store['listUnrunnable'] = () => this.run(unrunnable.listUnrunnable);
  openUnrunnable: Store['openUnrunnable'] = (taskId, now) =>
    this.run((db) => unrunnable.openUnrunnable(db, taskId, now));
  raiseUnrunnable: Store['raiseUnrunnable'] = (taskId, alert) =>
    this.run((db) => unrunnable.raiseUnrunnable(db, taskId, alert));
  closeUnrunnable: Store['closeUnrunnable'] = (taskId, alert) =>
    this.run((db) => unrunnable.closeUnrunnable(db, taskId, alert));

  // A file is purged by a worker thread on its own connection; an in-memory database has no other connection.
  private purgerOf?: PurgeWorker | null;
  private get purger(): PurgeWorker | null {
    return (this.purgerOf ??= this.location === ':memory:' ? null : new PurgeWorker(this.location));
  }
  purgeExpiredDetails: Store['purgeExpiredDetails'] = (cutoffs, now, batch) =>
    this.purger
      ? this.purger.purgeExpiredDetails(cutoffs, now, batch)
      : this.run((db) => retention.purgeExpiredDetails(db.raw, cutoffs, now, batch));
  deleteSummariesBefore: Store['deleteSummariesBefore'] = (cutoff, batch) =>
    this.purger
      ? this.purger.deleteSummariesBefore(cutoff, batch)
      : this.run((db) => retention.deleteSummariesBefore(db.raw, cutoff, batch));
  purgeCpuMs: Store['purgeCpuMs'] = () => this.purger?.cpuMs() ?? null;
  deleteAlertsBefore: Store['deleteAlertsBefore'] = (cutoff, batch) =>
    this.run((db) => alerts.deleteAlertsBefore(db, cutoff, batch));

  getState: Store['getState'] = (taskId) => this.run((db) => state.getState(db, taskId));
  setState: Store['setState'] = (taskId, key, value, now) =>
    this.run((db) => state.setState(db, taskId, key, value, now));
}
