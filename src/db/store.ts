// The one narrow storage interface the engine talks to. Async so that a PostgreSQL
// store can be added as a file of its own; the SQLite store answers synchronously
// inside and retries lock contention without blocking the event loop.
//
// Times: every `now` and every time in a row, in or out, is the caller's clock
// (Date.now(), epoch ms). The PostgreSQL store keeps the server's clock in the database
// and converts at its boundary (src/db/postgres/clock.ts), so computers whose clocks
// disagree still agree on leases; SQLite serves one computer and stores times as given.
import type { ChangeListener } from './change-feed.js';
import type {
  AlertListing,
  AlertRow,
  ChannelTroubleRow,
  ClaimedDelivery,
  ClaimInput,
  DefinitionsSync,
  DeliveryResult,
  DetailsCutoff,
  NewAlert,
  OrphanAlert,
  UnrunnableRow,
  ExchangeInput,
  ExchangeRow,
  FinishRunInput,
  FleetClaim,
  FleetConfigRow,
  HistoryFilter,
  HistoryPageQuery,
  InstanceInput,
  InstanceRow,
  LeaseRenewal,
  LogLineInput,
  LogRow,
  OrphanSchedule,
  RunRow,
  ScheduleState,
  ServiceDef,
  ServiceRow,
  StartRunInput,
  StartRunResult,
  TaskDef,
  TaskRow,
} from './types.js';

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, for the header line: a file path, or a PostgreSQL URL with its password shown as ***. */
  readonly location: string;
  close(): Promise<void>;
  /**
   * The database server's clock minus this computer's, in ms, measured now (SQLite: 0,
   * one computer). Worth a warning beyond a few seconds: the store corrects for it, but
   * the computer's clock is wrong.
   */
  clockSkewMs(): Promise<number>;
  /**
   * Tells `listener` which tables other instances (other processes, other computers)
   * committed changes to, until the returned function is called. This store's own writes
   * are not told on their own (the caller knows them; on SQLite they may come along with
   * another's), nor are heartbeats and lease renewals (nobody needs to wake for them). PostgreSQL: from notifications, as they arrive (LISTEN on the
   * store's one connection). SQLite: found by checkChanges(). See docs/ARCHITECTURE.md,
   * Storage.
   */
  onChange(listener: ChangeListener): () => void;
  /**
   * Looks for other instances' changes now and tells the onChange listeners. SQLite: a read
   * of PRAGMA data_version and, when it moved, of a fingerprint of each table (tens of
   * microseconds); call it every changeCheckMs. PostgreSQL: notifications need no looking;
   * this makes sure the connection is there and listening (a safety net, reopening a lost
   * connection), every changeCheckMs.
   */
  checkChanges(): Promise<void>;
  /** How often checkChanges() is worth calling: every second on SQLite, every 30 s on PostgreSQL. */
  readonly changeCheckMs: number;
  /**
   * Changes soon after another connection commits: a cheap "is there anything new?" poll.
   * Kept for callers that poll; onChange() tells the same without polling.
   */
  changeMarker(): Promise<number>;

  // definitions (from the config)
  /**
   * Writes the config's services and tasks. With a claim, only when the claim wins (see
   * FleetClaim), and the fleet version is recorded in the same transaction; without one,
   * always (tests, migrations).
   */
  syncDefinitions(services: ServiceDef[], tasks: TaskDef[], now: number, claim?: FleetClaim): Promise<DefinitionsSync>;
  /** The fleet's config version, or null when no instance recorded one. */
  fleetConfig(): Promise<FleetConfigRow | null>;
  listServices(): Promise<ServiceRow[]>;
  listTasks(): Promise<TaskRow[]>;
  getTask(id: string): Promise<TaskRow | undefined>;

  // history
  getRun(id: number): Promise<RunRow | undefined>;
  getRuns(ids: readonly number[]): Promise<RunRow[]>;
  historyPage(query: HistoryPageQuery): Promise<RunRow[]>;
  /** Counts matching runs, but stops at `bound + 1` so a huge history never costs a full scan. */
  countHistory(filter: HistoryFilter, bound: number): Promise<number>;
  runLog(runId: number): Promise<LogRow[]>;
  runExchanges(runId: number): Promise<ExchangeRow[]>;

  // instances
  registerInstance(row: InstanceInput): Promise<void>;
  /** Also clears `stoppedAt`: an instance marked gone after a long silence (a suspended process) that speaks again is back. */
  heartbeatInstance(id: string, now: number): Promise<void>;
  markInstancesStopped(ids: readonly string[], now: number): Promise<void>;
  /** Every instance ever registered (names for history), or with `running` only those not marked stopped (recovery, every lease TTL). */
  listInstances(options?: { running?: boolean }): Promise<InstanceRow[]>;

  // runs and leases
  startRun(input: StartRunInput): Promise<StartRunResult>;
  renewLeases(instanceId: string, now: number, ttlMs: number): Promise<LeaseRenewal>;
  appendLog(runId: number, lines: readonly LogLineInput[]): Promise<void>;
  addExchange(runId: number, exchange: ExchangeInput): Promise<void>;
  setProgress(runId: number, done: number, total: number | null): Promise<void>;
  /** Records the end of a run only where the lease epoch still matches; false when fenced out. */
  finishRun(input: FinishRunInput): Promise<boolean>;
  requestStop(taskId: string, by: string, now: number): Promise<{ runningOn: string | null }>;
  setPaused(taskId: string, paused: boolean): Promise<boolean>;
  setSchedule(taskId: string, schedule: ScheduleState): Promise<void>;
  /** Frees the leases these instances hold (they are known dead); returns how many. */
  freeLeasesOf(instanceIds: readonly string[]): Promise<number>;
  /**
   * Marks `running` runs that no live lease owns as interrupted; returns them. Where such a
   * run is its task's last run, the task gets `scheduleOf(task, run)` (and the outcome) in
   * the same transaction, so two instances recovering at once count an interruption once.
   */
  interruptOrphanRuns(
    now: number,
    message: string,
    detailsExpireAt: number,
    scheduleOf?: OrphanSchedule,
    alertOf?: OrphanAlert,
  ): Promise<RunRow[]>;

  // alerts (docs/alerts.md): decisions keyed once per task and episode, deliveries claimed like leases
  /** Records the alert with a delivery per channel unless `key` exists; null when it did. */
  raiseAlert(key: string, alert: NewAlert): Promise<AlertRow | null>;
  /** Newest first, with deliveries and attempts; only tasks in `visibleTaskIds` (and alerts of no task) when given. */
  listAlerts(limit: number, visibleTaskIds?: readonly string[]): Promise<AlertListing[]>;
  /** Claims the earliest due, unclaimed delivery to one of the channels; null when none is due. */
  claimDelivery(claim: ClaimInput): Promise<ClaimedDelivery | null>;
  /** Records an attempt; the delivery moves on only while the claim is still this instance's (false when not). */
  finishDelivery(result: DeliveryResult): Promise<boolean>;
  nextDeliveryAt(channels: readonly string[]): Promise<number | null>;
  /** Channels whose latest attempt failed. */
  channelTrouble(): Promise<ChannelTroubleRow[]>;
  listUnrunnable(): Promise<UnrunnableRow[]>;
  /** Opens the task's unrunnable episode unless one is open; returns when it began. */
  openUnrunnable(taskId: string, now: number): Promise<number>;
  /** The open episode's `unrunnable` alert, once; null when no episode is open or it was raised. */
  raiseUnrunnable(taskId: string, alert: NewAlert): Promise<AlertRow | null>;
  /** Ends the episode; `alert` (runnable) is raised only when its `unrunnable` alert was. */
  closeUnrunnable(taskId: string, alert: NewAlert | null): Promise<AlertRow | null>;

  // retention
  /** Deletes the progress log and exchanges of up to `batch` finished runs past their cutoff, marking them purged `now`. */
  purgeExpiredDetails(cutoffs: readonly DetailsCutoff[], now: number, batch: number): Promise<number>;
  deleteSummariesBefore(cutoff: number, batch: number): Promise<number>;
  /**
   * The CPU time (ms) the two calls above have taken so far, where the store can tell (a
   * SQLite file on Linux: its purge worker's thread); the purge sizes its batches by it.
   */
  purgeCpuMs?(): number | null;
  /** Alerts decided before `cutoff` with nothing left to deliver; returns how many. */
  deleteAlertsBefore(cutoff: number, batch: number): Promise<number>;

  // per-task state
  getState(taskId: string): Promise<Record<string, unknown>>;
  setState(taskId: string, key: string, value: unknown, now: number): Promise<void>;
}
