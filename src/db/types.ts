// Row shapes the store returns and takes. The db layer imports nothing of ours, so the
// few domain words it needs (outcomes, error classes) are declared here.
import type { NewAlert } from './alert-types.js';

export * from './alert-types.js';

export const OUTCOMES = ['running', 'success', 'warning', 'error', 'cancelled', 'interrupted'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ERROR_CLASSES = ['network', 'auth', 'recognized', 'unknown'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export type Trigger = 'schedule' | 'manual';
export type LogLevel = 'info' | 'warn' | 'error';

export interface InstanceRow {
  id: string;
  user: string;
  host: string;
  pid: number;
  kind: string;
  startedAt: number;
  heartbeatAt: number;
  stoppedAt: number | null;
  /** Whose roles apply (`--user`); null on rows written before it was recorded. */
  actingUser: string | null;
  roles: string[];
  /** Starts runs on its own (a dashboard or a headless engine). */
  schedules: boolean;
  version: string | null;
  /** The database server's clock minus this instance's, as it measured it (PostgreSQL). */
  clockSkewMs: number | null;
  /** Where `pid` can be checked: two computers may have the same host name. Null on older rows. */
  hostKey: string | null;
}

/** What registerInstance takes: the fields added later may be left out (older callers, tests). */
type LaterInstanceFields = 'actingUser' | 'roles' | 'schedules' | 'version' | 'clockSkewMs' | 'hostKey';
export type InstanceInput = Omit<InstanceRow, LaterInstanceFields> & Partial<Pick<InstanceRow, LaterInstanceFields>>;

export interface ServiceDef {
  id: string;
  name: string;
  baseUrl: string | null;
}

export interface ServiceRow extends ServiceDef {
  inConfig: boolean;
  updatedAt: number;
}

export interface TaskDef {
  id: string;
  name: string;
  type: string;
  serviceId: string;
  role: string;
  intervalMs: number | null;
  maxIntervalMs: number | null;
  cron: string | null;
  timeoutMs: number;
  handlerKind: string;
  enabled: boolean;
  /** Hash of the task's whole definition as its config has it (null on rows written before it was recorded). */
  defHash?: string | null;
}

/** Which definitions the database holds: their content hash, who wrote them and when. */
export interface FleetConfigRow {
  version: string;
  writtenBy: string;
  writtenAt: number;
}

/**
 * A conditional write of definitions: it happens when the database holds none yet, holds
 * this version already, or holds a version written before `fileModifiedAt`.
 */
export interface FleetClaim {
  version: string;
  writtenBy: string;
  /** null: a config without a file (the demo, tests), which always wins. */
  fileModifiedAt: number | null;
  /**
   * A task whose schedule changes: its next run under the new schedule, from its last end
   * as the stored row holds it (asked only for such a task, while writing); null or absent: due now.
   */
  nextRunAt?: (taskId: string, lastFinishedAt: number | null) => number | null;
}

export interface DefinitionsSync {
  /** The definitions were written (or already were the database's). */
  written: boolean;
  /** The fleet's version after the call (null: none was ever recorded). */
  fleet: FleetConfigRow | null;
}

export interface TaskRow extends TaskDef {
  inConfig: boolean;
  updatedAt: number;
  paused: boolean;
  effectiveIntervalMs: number | null;
  failures: number;
  failingSince: number | null;
  interruptions: number;
  lastRunId: number | null;
  lastOutcome: Outcome | null;
  lastStartedAt: number | null;
  lastFinishedAt: number | null;
  nextRunAt: number | null;
  /** The last finished runs as stored (JSON text, see decodeRecent in src/db/recent.ts). */
  recent: string;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  leaseEpoch: number;
  leaseRunId: number | null;
  stopRequestedBy: string | null;
  stopRequestedAt: number | null;
}

export interface RunRow {
  id: number;
  taskId: string;
  serviceId: string;
  taskType: string;
  trigger: Trigger;
  startedBy: string;
  instanceId: string;
  epoch: number;
  startedAt: number;
  finishedAt: number | null;
  outcome: Outcome;
  errorClass: ErrorClass | null;
  message: string | null;
  progressDone: number | null;
  progressTotal: number | null;
  stoppedBy: string | null;
  hasDiagnostics: boolean;
  detailsExpireAt: number | null;
  detailsPurgedAt: number | null;
}

export interface LogRow {
  id: number;
  runId: number;
  at: number;
  level: LogLevel;
  message: string;
}

export interface LogLineInput {
  at: number;
  level: LogLevel;
  message: string;
}

export interface ExchangeInput {
  at: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  status: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

export interface ExchangeRow extends ExchangeInput {
  id: number;
  runId: number;
}

/** One filter at a time is served by an index; they may be combined. */
export interface HistoryFilter {
  /** Visibility: only runs of these tasks (undefined = all tasks). */
  visibleTaskIds?: readonly string[];
  taskId?: string;
  serviceId?: string;
  type?: string;
  outcomes?: readonly Outcome[];
  /** Who started the run: a user name, or `scheduler` (runs_started_by_id). */
  startedBy?: string;
  /** Runs started at or after this time. */
  since?: number;
  /** Runs started before this time. */
  until?: number;
}

export interface HistoryPageQuery {
  filter: HistoryFilter;
  limit: number;
  /** Runs with id below this one (the next page, newest first). */
  beforeId?: number;
  /** Runs with id above this one (the previous page); still returned newest first. */
  afterId?: number;
  /** The oldest page (End). */
  oldest?: boolean;
}

export interface StartRunInput {
  taskId: string;
  instanceId: string;
  now: number;
  leaseTtlMs: number;
  trigger: Trigger;
  startedBy: string;
  hasDiagnostics: boolean;
  /** For scheduled runs: start only if the task is still due (next_run_at <= now) and not paused. */
  onlyIfDue: boolean;
  /** When a run left behind under an expired lease is marked interrupted, its details expire then. */
  interruptedDetailsExpireAt: number;
}

export type StartRunResult =
  | { started: true; run: RunRow; epoch: number }
  | { started: false; reason: 'held'; heldBy: string; runId: number | null }
  | { started: false; reason: 'not-due' | 'unknown-task' };

export interface ScheduleState {
  effectiveIntervalMs: number | null;
  failures: number;
  failingSince: number | null;
  /** Interrupted runs in a row; left as it is when absent. */
  interruptions?: number;
  nextRunAt: number | null;
}

export interface FinishRunInput {
  taskId: string;
  runId: number;
  epoch: number;
  instanceId: string;
  finishedAt: number;
  outcome: Outcome;
  errorClass: ErrorClass | null;
  message: string | null;
  stoppedBy: string | null;
  detailsExpireAt: number;
  /** null leaves the task's schedule state as it is (a run fenced out, a cancelled run). */
  schedule: ScheduleState | null;
  /**
   * A `failing` or `recovered` alert this run may cause, recorded in the same transaction
   * only where the run still owns its lease, and only once per episode: `failing` keyed by
   * the task's failingSince after the run, `recovered` by the one before it (and only when
   * that episode's `failing` alert exists).
   */
  alert?: NewAlert | null;
  /**
   * The run's log lines not written yet, appended in the same transaction before its end
   * (whether or not the run still owns its lease, as appendLog would): one write fewer per run.
   */
  log?: readonly LogLineInput[];
}

/**
 * Whose details may go: finished runs of this outcome (and error class; null for none)
 * that ended before `finishedBefore`. The engine derives one per class from the current
 * retention periods, so shortening a period applies to what is already stored.
 */
export interface DetailsCutoff {
  outcome: Outcome;
  errorClass: ErrorClass | null;
  finishedBefore: number;
}

/** The schedule state a task gets when its last run is found orphaned (recovery). */
export type OrphanSchedule = (task: TaskRow, run: RunRow) => ScheduleState;

/** The `failing` alert an orphan's interruption may cause (the third in a row counts as a failure); keyed like finishRun's. */
export type OrphanAlert = (task: TaskRow, run: RunRow, schedule: ScheduleState) => NewAlert | null;

export interface LeaseRenewal {
  /** Tasks whose lease this instance still holds, with any stop request on them. */
  held: { taskId: string; epoch: number; stopRequestedBy: string | null }[];
}
