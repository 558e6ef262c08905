// The one narrow storage interface the engine talks to. Async so that a PostgreSQL
// store can be added as a file of its own; the SQLite store answers synchronously
// inside and retries lock contention without blocking the event loop.
//
// Times: every `now` and every time in a row, in or out, is the caller's clock
// (Date.now(), epoch ms). The PostgreSQL store keeps the server's clock in the database
// and converts at its boundary (src/db/postgres/clock.ts), so computers whose clocks
// disagree still agree on leases; SQLite serves one computer and stores times as given.
import type {
  DetailsCutoff,
  ExchangeInput,
  ExchangeRow,
  FinishRunInput,
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
  /** Changes soon after another connection commits (our own commits may count too): a cheap "is there anything new?" poll. */
  changeMarker(): Promise<number>;

  // definitions (from the config)
  syncDefinitions(services: ServiceDef[], tasks: TaskDef[], now: number): Promise<void>;
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
  heartbeatInstance(id: string, now: number): Promise<void>;
  markInstancesStopped(ids: readonly string[], now: number): Promise<void>;
  listInstances(): Promise<InstanceRow[]>;

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
  interruptOrphanRuns(now: number, message: string, detailsExpireAt: number, scheduleOf?: OrphanSchedule): Promise<RunRow[]>;

  // retention
  /** Deletes the progress log and exchanges of up to `batch` finished runs past their cutoff, marking them purged `now`. */
  purgeExpiredDetails(cutoffs: readonly DetailsCutoff[], now: number, batch: number): Promise<number>;
  deleteSummariesBefore(cutoff: number, batch: number): Promise<number>;

  // per-task state
  getState(taskId: string): Promise<Record<string, unknown>>;
  setState(taskId: string, key: string, value: unknown, now: number): Promise<void>;
}
