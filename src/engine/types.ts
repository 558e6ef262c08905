// What the engine shows the UI and the CLI. Times are epoch milliseconds; the CLI turns
// them into ISO strings for JSON.
import type { FinishedOutcome, RecentEntry } from '../db/recent.js';
import type { AlertEvent, DeliveryState, ErrorClass, LogLevel, Outcome, Trigger } from '../db/types.js';
import type { ConfigEventOf } from './config/status-types.js';
import type { InstanceKind } from './instances.js';

export type { ConfigStatus, ReloadChanges } from './config/status-types.js';
export type { AlertEvent, DeliveryState, ErrorClass, FinishedOutcome, InstanceKind, LogLevel, Outcome, Trigger };
export { OUTCOMES, ERROR_CLASSES } from '../db/types.js';
/** How many of a task's last finished runs its strip of recent outcomes shows, at most. */
export { RECENT_MAX as RECENT_RUNS } from '../db/recent.js';

/** One of a task's recent finished runs: its outcome and how long it took. */
export type RecentRun = RecentEntry;

/** The interruption in a row that counts as a failure: a run that kills its instance must not walk through the fleet. */
export const INTERRUPTIONS_AS_FAILURE = 3;

export type TaskStatus = 'waiting' | 'unavailable' | 'running' | 'paused' | 'disabled';

/** Who "started" an automatic run: the `startedBy` of every scheduled run. */
export const SCHEDULER = 'scheduler';

export interface Identity {
  /** The user whose roles apply (the OS login, or --user for an admin). */
  user: string;
  /** The OS login name that started this process. */
  osUser: string;
  roles: string[];
  permissions: string[];
  /** Holds `integration-settings`: sees and may act on every task. */
  settings: boolean;
  /** False when the user is missing from the config's `users`. */
  known: boolean;
}

export interface InstanceInfo {
  id: string;
  user: string;
  host: string;
  pid: number;
}

export interface RunSummary {
  id: number;
  taskId: string;
  taskName: string;
  service: string;
  serviceName: string;
  type: string;
  trigger: Trigger;
  startedBy: string;
  instance: string;
  /** The acting user at the host (`olga@ws-3`), when known; else the instance id. */
  instanceLabel: string;
  /** What the instance was, and its process id: tells two instances on one host apart. */
  instanceKind: 'dashboard' | 'engine' | 'run' | null;
  instancePid: number | null;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  outcome: Outcome;
  errorClass: ErrorClass | null;
  message: string | null;
  stoppedBy: string | null;
  progressDone: number | null;
  progressTotal: number | null;
  hasDiagnostics: boolean;
  /**
   * The task's handler talks to a service through the recorded HTTP client or fetch (http, module). A
   * command task records its progress log only: it never has exchanges to show.
   */
  recordsExchanges: boolean;
  detailsPurged: boolean;
  detailsPurgedAt: number | null;
  /** When the progress log and diagnostics will be removed (null while running or when removed). */
  detailsKeptUntil: number | null;
}

export interface LogLine {
  at: number;
  level: LogLevel;
  message: string;
}

export interface Exchange {
  at: number;
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response: { status: number; headers: Record<string, string>; body: string | null } | null;
  error: string | null;
  durationMs: number;
}

export interface RunDetails extends RunSummary {
  log: LogLine[];
  exchanges: Exchange[];
  /** For an interrupted run: how many interrupted runs of its task in a row end with it (1 when only this one). */
  interruptedInARow: number;
}

export interface TaskView {
  id: string;
  name: string;
  type: string;
  service: string;
  serviceName: string;
  role: string;
  status: TaskStatus;
  paused: boolean;
  enabled: boolean;
  /** 0..1 while running with a known total, else null. */
  progress: number | null;
  intervalMs: number | null;
  effectiveIntervalMs: number | null;
  cron: string | null;
  failures: number;
  failingSince: number | null;
  /** Interrupted runs in a row (the third counts as a failure). */
  interruptions: number;
  /** Red: failures counted, or the last run ended in error or was interrupted (what "errors" shows). */
  failing: boolean;
  /** The next automatic run; null while it runs, or when no live instance would start it. */
  nextRunAt: number | null;
  /** Labels of the live instances that would run it automatically (its role is among theirs; enabled, not paused). */
  runnableOn: string[];
  /** Why no automatic run is planned: paused, disabled, or no live instance has its role. */
  idle: 'paused' | 'disabled' | 'no-instance' | null;
  /** The instance running it now, or null. */
  runningOn: string | null;
  runningOnLabel: string | null;
  /** Running on another instance: the last-run column says "repeat". */
  repeat: boolean;
  lastRun: RunSummary | null;
  /** The last run's outcome and times, kept on the task: still there after historyDays removed its summary. */
  last: { outcome: Outcome; startedAt: number; finishedAt: number | null } | null;
  /** Runs automatically on this instance (the user has the task's role). */
  autoHere: boolean;
  /** The last finished runs (up to RECENT_RUNS), oldest first, as the ring's text: read it with recentRuns() (src/engine/recent-runs.ts). */
  recentRing: string;
  can: { run: boolean; stop: boolean; pause: boolean; diagnostics: boolean };
}

/** A live syncdeck process on any computer sharing the database (the Instances screen, `syncdeck instances`). */
export interface InstanceView {
  id: string;
  /** The acting user at the host (`olga@ws-3`). */
  label: string;
  /** Whose roles apply (the OS login, or `--user`). */
  user: string;
  /** The OS login that started the process. */
  osUser: string;
  host: string;
  pid: number;
  kind: InstanceKind;
  version: string | null;
  roles: string[];
  /** Starts runs on its own (a dashboard or a headless engine). */
  schedules: boolean;
  startedAt: number;
  heartbeatAt: number;
  /** The database server's clock minus the instance's, as it measured it at start (PostgreSQL; null on SQLite). */
  clockSkewMs: number | null;
  /** Ids of the tasks it runs now (those this user may see), sorted. */
  running: string[];
  /** This very process. */
  self: boolean;
}

export type HistoryOutcomeFilter = Outcome | 'errors';

export interface HistoryQuery {
  taskId?: string;
  service?: string;
  type?: string;
  outcome?: HistoryOutcomeFilter;
  /** Who started the runs: a user name, or SCHEDULER. */
  startedBy?: string;
  /** Runs started at or after this time. */
  since?: number;
  /** Runs started before this time. */
  until?: number;
  limit: number;
  beforeId?: number;
  afterId?: number;
  oldest?: boolean;
}

export type EngineEvent =
  | { type: 'tasks-changed' }
  | { type: 'run-started'; run: RunSummary }
  | { type: 'run-progress'; taskId: string; runId: number; done: number; total: number | null }
  | { type: 'run-log'; taskId: string; runId: number; line: LogLine }
  | { type: 'run-finished'; run: RunSummary }
  | { type: 'storage-error'; message: string }
  /** The outage is over: how long it lasted, and a line saying so (storage-message.ts). */
  | { type: 'storage-recovered'; outageMs?: number; message?: string }
  /** A reload, a broken file, a config that differs from the fleet's, a field that needs a restart (status-types.ts). */
  | ConfigEventOf
  /** Something went wrong that did not stop the engine (logged as `event` by the headless engine). */
  | { type: 'warning'; event: string; message: string }
  | AlertDeliveryEvent;

/** This instance tried to deliver an alert (docs/alerts.md). */
export interface AlertDeliveryEvent {
  type: 'alert-delivery';
  alertId: number;
  event: AlertEvent;
  taskId: string | null;
  channel: string;
  ok: boolean;
  status: number | null;
  message: string;
  /** The delivery's state after the attempt; nextAttemptAt while it is retried. */
  state: DeliveryState;
  nextAttemptAt: number | null;
}

/** An alert with its delivery to each channel (`syncdeck alerts`). */
export interface AlertView {
  id: number;
  event: AlertEvent;
  taskId: string | null;
  runId: number | null;
  createdAt: number;
  /** The instance that decided it. */
  createdBy: string;
  /** The payload's one human line. */
  text: string;
  /** The JSON the channels get (docs/alerts.md, "The payload"). */
  payload: Record<string, unknown>;
  deliveries: {
    channel: string;
    state: DeliveryState;
    attempts: number;
    nextAttemptAt: number | null;
    lastAttemptAt: number | null;
    deliveredAt: number | null;
    lastError: string | null;
    attemptLog: {
      at: number;
      instance: string;
      ok: boolean;
      status: number | null;
      message: string;
      durationMs: number;
    }[];
  }[];
}

/** A channel whose latest delivery attempt failed: the dashboard's header says so. */
export interface AlertTrouble {
  channel: string;
  failingSince: number;
  /** Alerts not delivered to it (still retried, or given up). */
  undelivered: number;
  lastError: string | null;
}

/** What one channel answered to `syncdeck alerts test`. */
export interface AlertTestResult {
  channel: string;
  kind: 'webhook' | 'command';
  ok: boolean;
  status: number | null;
  message: string;
}

/** 'starting': an action the dashboard's preview held for its engine, dropped as the dashboard closed (src/cli/preview-engine.ts). */
export type EngineErrorCode = 'not-found' | 'forbidden' | 'already-running' | 'invalid' | 'storage' | 'starting';

/** A refused or failed engine request; `message` is meant for the user as it is. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly detail: { instance?: string; instanceLabel?: string; runId?: number } = {},
  ) {
    super(message);
  }
}
