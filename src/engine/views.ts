// Rows from the store → the views the UI and the CLI show.
import type { ExchangeRow, InstanceRow, LogRow, RunRow, ServiceRow, TaskRow } from '../db/types.js';
import type { RetentionConfig } from '../config/schema.js';
import { canSee, runsAutomatically } from './identity.js';
import { detailsKeptUntil } from './retention.js';
import { kindName } from './instances.js';
import type { Identity, RunDetails, RunSummary, TaskStatus, TaskView } from './types.js';

export interface Names {
  tasks: Map<string, { name: string; handlerKind?: string }>;
  services: Map<string, ServiceRow>;
  instances: Map<string, InstanceRow>;
}

/** The acting user at the host (`olga@ws-3`): how a person recognises an instance. */
export function labelOf(i: Pick<InstanceRow, 'user' | 'actingUser' | 'host'>): string {
  return `${i.actingUser ?? i.user}@${i.host}`;
}

export function instanceLabel(names: Names, id: string): string {
  const i = names.instances.get(id);
  return i ? labelOf(i) : id;
}

/** An instance is live while its heartbeat is younger than the lease TTL and it has not stopped. */
export function isLive(i: Pick<InstanceRow, 'stoppedAt' | 'heartbeatAt'>, now: number, leaseTtlMs: number): boolean {
  return i.stoppedAt === null && i.heartbeatAt >= now - leaseTtlMs;
}

/** The labels of the live instances that would run the task automatically (its role among theirs); none when it is paused or disabled. */
export function runnableOnOf(
  t: Pick<TaskRow, 'role' | 'enabled' | 'inConfig' | 'paused'>,
  live: readonly InstanceRow[],
): string[] {
  if (!t.enabled || !t.inConfig || t.paused) return [];
  return [...new Set(live.filter((i) => i.schedules && i.roles.includes(t.role)).map(labelOf))].sort();
}

/** A command task's runs record their progress log, never exchanges (see RunSummary.recordsExchanges). */
export const recordsExchanges = (handlerKind: string | undefined) => handlerKind !== 'command';

/** A run as the UI and the CLI see it; when its details go is reckoned by the current retention periods. */
export function toRunSummary(r: RunRow, names: Names, retention: RetentionConfig): RunSummary {
  const exchanges = recordsExchanges(names.tasks.get(r.taskId)?.handlerKind);
  return {
    id: r.id,
    taskId: r.taskId,
    taskName: names.tasks.get(r.taskId)?.name ?? r.taskId,
    service: r.serviceId,
    serviceName: names.services.get(r.serviceId)?.name ?? r.serviceId,
    type: r.taskType,
    trigger: r.trigger,
    startedBy: r.startedBy,
    instance: r.instanceId,
    instanceLabel: instanceLabel(names, r.instanceId),
    instanceKind: instanceOf(names, r.instanceId, (i) => kindName(i.kind)),
    instancePid: instanceOf(names, r.instanceId, (i) => i.pid),
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.finishedAt === null ? null : r.finishedAt - r.startedAt,
    outcome: r.outcome,
    errorClass: r.errorClass,
    message: r.message,
    stoppedBy: r.stoppedBy,
    progressDone: r.progressDone,
    progressTotal: r.progressTotal,
    // Runs of a command task recorded before this was known carry the flag without anything behind it.
    hasDiagnostics: r.hasDiagnostics && exchanges,
    recordsExchanges: exchanges,
    detailsPurged: r.detailsPurgedAt !== null,
    detailsPurgedAt: r.detailsPurgedAt,
    detailsKeptUntil:
      r.detailsPurgedAt === null
        ? detailsKeptUntil(retention, { outcome: r.outcome, errorClass: r.errorClass, finishedAt: r.finishedAt })
        : null,
  };
}

function instanceOf<T>(names: Names, id: string, pick: (i: InstanceRow) => T): T | null {
  const i = names.instances.get(id);
  return i ? pick(i) : null;
}

export interface LiveProgress {
  done: number;
  total: number | null;
}

export function toTaskView(
  t: TaskRow,
  ctx: {
    identity: Identity;
    instanceId: string;
    now: number;
    names: Names;
    lastRun: RunSummary | null;
    live?: LiveProgress;
    /** Live instances (see isLive). */
    liveInstances: readonly InstanceRow[];
  },
): TaskView {
  const leaseLive = t.leaseOwner !== null && (t.leaseExpiresAt ?? 0) >= ctx.now;
  const running = leaseLive && (ctx.lastRun?.outcome ?? t.lastOutcome) === 'running';
  const runningOn = running ? t.leaseOwner : null;
  const autoHere = runsAutomatically(ctx.identity, t);
  const enabled = t.enabled && t.inConfig;
  const status: TaskStatus = !enabled
    ? 'disabled'
    : running
      ? 'running'
      : t.paused
        ? 'paused'
        : autoHere
          ? 'waiting'
          : 'unavailable';
  const done = ctx.live?.done ?? ctx.lastRun?.progressDone ?? null;
  const total = ctx.live ? ctx.live.total : (ctx.lastRun?.progressTotal ?? null);
  const visible = canSee(ctx.identity, t);
  const runnableOn = runnableOnOf(t, ctx.liveInstances);
  const idle: TaskView['idle'] = !enabled
    ? 'disabled'
    : t.paused
      ? 'paused'
      : runnableOn.length === 0
        ? 'no-instance'
        : null;
  const lastOutcome = ctx.lastRun?.outcome ?? t.lastOutcome;
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    service: t.serviceId,
    serviceName: ctx.names.services.get(t.serviceId)?.name ?? t.serviceId,
    role: t.role,
    status,
    paused: t.paused,
    enabled,
    progress: running && done !== null && total ? Math.max(0, Math.min(1, done / total)) : null,
    intervalMs: t.intervalMs,
    effectiveIntervalMs: t.effectiveIntervalMs ?? t.intervalMs,
    cron: t.cron,
    failures: t.failures,
    failingSince: t.failingSince,
    interruptions: t.interruptions,
    failing: t.failures > 0 || lastOutcome === 'error' || lastOutcome === 'interrupted',
    // Nobody will start it (running now, or no live instance may): no next run to show.
    nextRunAt: running || idle !== null ? null : (t.nextRunAt ?? ctx.now),
    runnableOn,
    idle,
    runningOn,
    runningOnLabel: runningOn ? instanceLabel(ctx.names, runningOn) : null,
    repeat: runningOn !== null && runningOn !== ctx.instanceId,
    lastRun: ctx.lastRun,
    last:
      lastOutcome === null || t.lastStartedAt === null
        ? null
        : { outcome: lastOutcome, startedAt: t.lastStartedAt, finishedAt: t.lastFinishedAt },
    autoHere,
    recentRing: t.recent,
    can: {
      run: visible && enabled && !running,
      stop: visible && running,
      pause: visible && t.inConfig,
      diagnostics: visible,
    },
  };
}

export function toRunDetails(
  run: RunRow,
  log: readonly LogRow[],
  exchanges: readonly ExchangeRow[],
  names: Names,
  retention: RetentionConfig,
  interruptedInARow = 0,
): RunDetails {
  return {
    ...toRunSummary(run, names, retention),
    interruptedInARow,
    log: log.map((l) => ({ at: l.at, level: l.level, message: l.message })),
    exchanges: exchanges.map((e) => ({
      at: e.at,
      request: { method: e.method, url: e.url, headers: e.requestHeaders, body: e.requestBody },
      response: e.status === null ? null : { status: e.status, headers: e.responseHeaders ?? {}, body: e.responseBody },
      error: e.error,
      durationMs: e.durationMs,
    })),
  };
}
