// Rows from the store → the views the UI and the CLI show.
import type { ExchangeRow, InstanceRow, LogRow, RunRow, ServiceRow, TaskRow } from '../db/types.js';
import { canSee, runsAutomatically } from './identity.js';
import type { ErrorClass, Identity, LogLevel, Outcome, RunDetails, RunSummary, TaskStatus, TaskView, Trigger } from './types.js';

export interface Names {
  tasks: Map<string, { name: string; handlerKind?: string }>;
  services: Map<string, ServiceRow>;
  instances: Map<string, InstanceRow>;
}

export function instanceLabel(names: Names, id: string): string {
  const i = names.instances.get(id);
  return i ? `${i.user}@${i.host}` : id;
}

/** A command task's runs record their progress log, never exchanges (see RunSummary.recordsExchanges). */
export const recordsExchanges = (handlerKind: string | undefined) => handlerKind !== 'command';

export function toRunSummary(r: RunRow, names: Names): RunSummary {
  const exchanges = recordsExchanges(names.tasks.get(r.taskId)?.handlerKind);
  return {
    id: r.id,
    taskId: r.taskId,
    taskName: names.tasks.get(r.taskId)?.name ?? r.taskId,
    service: r.serviceId,
    serviceName: names.services.get(r.serviceId)?.name ?? r.serviceId,
    type: r.taskType,
    trigger: r.trigger as Trigger,
    startedBy: r.startedBy,
    instance: r.instanceId,
    instanceLabel: instanceLabel(names, r.instanceId),
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.finishedAt === null ? null : r.finishedAt - r.startedAt,
    outcome: r.outcome as Outcome,
    errorClass: r.errorClass as ErrorClass | null,
    message: r.message,
    stoppedBy: r.stoppedBy,
    progressDone: r.progressDone,
    progressTotal: r.progressTotal,
    // Runs of a command task recorded before this was known carry the flag without anything behind it.
    hasDiagnostics: r.hasDiagnostics && exchanges,
    recordsExchanges: exchanges,
    detailsPurged: r.detailsPurgedAt !== null,
    detailsPurgedAt: r.detailsPurgedAt,
    detailsKeptUntil: r.detailsPurgedAt === null ? r.detailsExpireAt : null,
  };
}

export interface LiveProgress {
  done: number;
  total: number | null;
}

export function toTaskView(
  t: TaskRow,
  ctx: { identity: Identity; instanceId: string; now: number; names: Names; lastRun: RunSummary | null; live?: LiveProgress },
): TaskView {
  const leaseLive = t.leaseOwner !== null && (t.leaseExpiresAt ?? 0) >= ctx.now;
  const running = leaseLive && ctx.lastRun?.outcome === 'running';
  const runningOn = running ? t.leaseOwner : null;
  const autoHere = runsAutomatically(ctx.identity, t);
  const status: TaskStatus = !t.enabled || !t.inConfig ? 'disabled' : running ? 'running' : t.paused ? 'paused' : autoHere ? 'waiting' : 'unavailable';
  const done = ctx.live?.done ?? ctx.lastRun?.progressDone ?? null;
  const total = ctx.live ? ctx.live.total : (ctx.lastRun?.progressTotal ?? null);
  const visible = canSee(ctx.identity, t);
  const active = t.enabled && t.inConfig && !t.paused;
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    service: t.serviceId,
    serviceName: ctx.names.services.get(t.serviceId)?.name ?? t.serviceId,
    role: t.role,
    status,
    paused: t.paused,
    enabled: t.enabled && t.inConfig,
    progress: running && done !== null && total ? Math.max(0, Math.min(1, done / total)) : null,
    intervalMs: t.intervalMs,
    effectiveIntervalMs: t.effectiveIntervalMs ?? t.intervalMs,
    cron: t.cron,
    failures: t.failures,
    failingSince: t.failingSince,
    nextRunAt: active ? (t.nextRunAt ?? (autoHere ? ctx.now : null)) : null,
    runningOn,
    runningOnLabel: runningOn ? instanceLabel(ctx.names, runningOn) : null,
    repeat: runningOn !== null && runningOn !== ctx.instanceId,
    lastRun: ctx.lastRun,
    autoHere,
    can: { run: visible && t.enabled && t.inConfig && !running, stop: visible && running, pause: visible && t.inConfig, diagnostics: visible },
  };
}

export function toRunDetails(run: RunRow, log: readonly LogRow[], exchanges: readonly ExchangeRow[], names: Names): RunDetails {
  return {
    ...toRunSummary(run, names),
    log: log.map((l) => ({ at: l.at, level: l.level as LogLevel, message: l.message })),
    exchanges: exchanges.map((e) => ({
      at: e.at,
      request: { method: e.method, url: e.url, headers: e.requestHeaders, body: e.requestBody },
      response: e.status === null ? null : { status: e.status, headers: e.responseHeaders ?? {}, body: e.responseBody },
      error: e.error,
      durationMs: e.durationMs,
    })),
  };
}
