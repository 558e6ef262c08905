// The PostgreSQL schema: the same tables, columns and indexes as the SQLite one
// (src/db/sqlite/schema.ts). Times are epoch milliseconds in bigint columns, read back as
// JS numbers; they are the server's clock (see clock.ts).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AlertEvent, DeliveryState } from '../alert-types.js';
import type { ErrorClass, LogLevel, Outcome, Trigger } from '../types.js';

const ms = (name: string) => bigint(name, { mode: 'number' });

/** One running syncdeck process (a dashboard or a headless engine). */
export const instances = pgTable('instances', {
  id: text('id').primaryKey(),
  user: text('user').notNull(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  kind: text('kind').notNull(), // 'ui' | 'engine' | 'cli'
  startedAt: ms('started_at').notNull(),
  heartbeatAt: ms('heartbeat_at').notNull(),
  stoppedAt: ms('stopped_at'),
  /** Whose roles apply (`--user`); `user` is the OS login that started the process. */
  actingUser: text('acting_user'),
  roles: jsonb('roles')
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  /** Starts runs on its own (a dashboard or a headless engine, not a one-off command). */
  schedules: boolean('schedules').notNull().default(false),
  version: text('version'),
  clockSkewMs: integer('clock_skew_ms'),
  /** Which process namespace `pid` belongs to (boot id + pid namespace): hosts may share a name. */
  hostKey: text('host_key'),
});

/** External systems, synced from the config (credentials are never stored). */
export const services = pgTable('services', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  baseUrl: text('base_url'),
  inConfig: boolean('in_config').notNull().default(true),
  updatedAt: ms('updated_at').notNull(),
});

/** Which config the fleet runs: one row, written with the definitions (docs/ARCHITECTURE.md, Config). */
export const fleetConfig = pgTable('fleet_config', {
  id: integer('id').primaryKey(),
  /** Content hash of the services and tasks written. */
  version: text('version').notNull(),
  /** The instance label (user@host) that wrote them. */
  writtenBy: text('written_by').notNull(),
  writtenAt: ms('written_at').notNull(),
});

/** Tasks: definition synced from the config, plus schedule state and the lease. */
export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    serviceId: text('service_id').notNull(),
    role: text('role').notNull(),
    intervalMs: ms('interval_ms'),
    maxIntervalMs: ms('max_interval_ms'),
    cron: text('cron'),
    timeoutMs: ms('timeout_ms').notNull(),
    handlerKind: text('handler_kind').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    inConfig: boolean('in_config').notNull().default(true),
    updatedAt: ms('updated_at').notNull(),
    /** Hash of the task's whole definition (handler and service included, secrets left out): see fleet_config. */
    defHash: text('def_hash'),

    // schedule state
    paused: boolean('paused').notNull().default(false),
    effectiveIntervalMs: ms('effective_interval_ms'),
    failures: integer('failures').notNull().default(0),
    failingSince: ms('failing_since'),
    /** Interrupted runs in a row (the third counts as a failure). */
    interruptions: integer('interruptions').notNull().default(0),
    lastRunId: bigint('last_run_id', { mode: 'number' }),
    /** The last run's outcome and start, kept here after its summary is removed by historyDays. */
    lastOutcome: text('last_outcome').$type<Outcome>(),
    lastStartedAt: ms('last_started_at'),
    lastFinishedAt: ms('last_finished_at'),
    nextRunAt: ms('next_run_at'),
    /** The last finished runs, oldest first (src/db/recent.ts): the task list's strip of outcomes. */
    recent: text('recent').notNull().default('[]'),

    // lease: owner, expiry and a fencing epoch that grows with every acquisition
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: ms('lease_expires_at'),
    leaseEpoch: bigint('lease_epoch', { mode: 'number' }).notNull().default(0),
    leaseRunId: bigint('lease_run_id', { mode: 'number' }),
    stopRequestedBy: text('stop_requested_by'),
    stopRequestedAt: ms('stop_requested_at'),
  },
  (t) => [index('tasks_lease_owner').on(t.leaseOwner)],
);

/** One execution of a task: the summary that stays for `historyDays`. */
export const runs = pgTable(
  'runs',
  {
    // "by default": migrate-store copies runs with their SQLite ids.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    taskId: text('task_id').notNull(),
    serviceId: text('service_id').notNull(),
    taskType: text('task_type').notNull(),
    trigger: text('trigger').$type<Trigger>().notNull(),
    startedBy: text('started_by').notNull(),
    instanceId: text('instance_id').notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull(),
    startedAt: ms('started_at').notNull(),
    finishedAt: ms('finished_at'),
    outcome: text('outcome').$type<Outcome>().notNull(),
    errorClass: text('error_class').$type<ErrorClass>(),
    message: text('message'),
    // Handlers may report fractional progress.
    progressDone: doublePrecision('progress_done'),
    progressTotal: doublePrecision('progress_total'),
    stoppedBy: text('stopped_by'),
    hasDiagnostics: boolean('has_diagnostics').notNull().default(false),
    /** When the details expired by the periods in force when the run ended (for older instances); retention now follows the current periods. */
    detailsExpireAt: ms('details_expire_at'),
    detailsPurgedAt: ms('details_purged_at'),
  },
  // Keyset paging newest-first (id DESC) under any one filter.
  (t) => [
    index('runs_task_id').on(t.taskId, t.id),
    index('runs_service_id').on(t.serviceId, t.id),
    index('runs_type_id').on(t.taskType, t.id),
    index('runs_outcome_id').on(t.outcome, t.id),
    index('runs_started_by_id').on(t.startedBy, t.id),
    // Time ranges: the id window of a range is found here (src/db/history-time.ts).
    index('runs_started_at').on(t.startedAt),
    // Retention by the current periods: one range per class (src/db/*/queries/retention.ts).
    index('runs_details_due')
      .on(t.outcome, t.errorClass, t.finishedAt)
      .where(sql`details_purged_at IS NULL`),
  ],
);

/** The progress log of a run (details: removed when the run's details expire). */
export const runLogs = pgTable(
  'run_logs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    at: ms('at').notNull(),
    level: text('level').$type<LogLevel>().notNull(),
    message: text('message').notNull(),
  },
  (t) => [index('run_logs_run_id').on(t.runId, t.id)],
);

/** Requests and responses of a run (details: removed when the run's details expire). */
export const runExchanges = pgTable(
  'run_exchanges',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    at: ms('at').notNull(),
    method: text('method').notNull(),
    url: text('url').notNull(),
    requestHeaders: text('request_headers').notNull(), // JSON object
    requestBody: text('request_body'),
    status: integer('status'),
    responseHeaders: text('response_headers'), // JSON object, null when no response
    responseBody: text('response_body'),
    error: text('error'),
    durationMs: ms('duration_ms').notNull(),
  },
  (t) => [index('run_exchanges_run_id').on(t.runId, t.id)],
);

/** Small per-task key/value kept between runs (e.g. a paging cursor). */
export const taskState = pgTable(
  'task_state',
  {
    taskId: text('task_id').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(), // JSON
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.key] })],
);

/** One alert decision (docs/alerts.md): the unique key makes it once per task and episode, whoever decides. */
export const alerts = pgTable(
  'alerts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    key: text('key').notNull(),
    event: text('event').$type<AlertEvent>().notNull(),
    taskId: text('task_id'),
    runId: bigint('run_id', { mode: 'number' }),
    createdAt: ms('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    payload: text('payload').notNull(), // JSON, redacted
  },
  (t) => [uniqueIndex('alerts_key').on(t.key), index('alerts_created_at').on(t.createdAt)],
);

/** An alert's delivery to one channel; claimed by one instance at a time, like a lease. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    alertId: bigint('alert_id', { mode: 'number' })
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    state: text('state').$type<DeliveryState>().notNull(), // pending | delivered | failed
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at'),
    claimedBy: text('claimed_by'),
    claimExpiresAt: ms('claim_expires_at'),
    lastAttemptAt: ms('last_attempt_at'),
    lastError: text('last_error'),
    deliveredAt: ms('delivered_at'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('alert_deliveries_alert_channel').on(t.alertId, t.channel),
    index('alert_deliveries_due').on(t.state, t.nextAttemptAt),
  ],
);

/** Every attempt to deliver an alert, with what the channel answered. */
export const alertAttempts = pgTable(
  'alert_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    deliveryId: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => alertDeliveries.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    at: ms('at').notNull(),
    instanceId: text('instance_id').notNull(),
    ok: boolean('ok').notNull(),
    status: integer('status'),
    message: text('message').notNull(),
    durationMs: ms('duration_ms').notNull(),
  },
  (t) => [
    index('alert_attempts_delivery').on(t.deliveryId, t.id),
    index('alert_attempts_channel_at').on(t.channel, t.at),
  ],
);

/** Tasks that no live instance may run, since the first instance that noticed (one row per episode). */
export const unrunnableTasks = pgTable('unrunnable_tasks', {
  taskId: text('task_id').primaryKey(),
  since: ms('since').notNull(),
  alerted: boolean('alerted').notNull().default(false),
});
