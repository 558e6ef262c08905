// The config's services and tasks as the store keeps them (no credentials).
import type { LoadedConfig } from '../config/load.js';
import { EMPTY_RECENT } from '../db/recent.js';
import type { ServiceDef, TaskDef, TaskRow } from '../db/types.js';
import { defaultMaxInterval } from './backoff-limit.js';

/** A task of the config that no instance has written to the database yet: as a row that never ran. */
export function unsyncedRow(def: TaskDef, now: number): TaskRow {
  return {
    ...def,
    inConfig: true,
    updatedAt: now,
    paused: false,
    effectiveIntervalMs: def.intervalMs,
    failures: 0,
    failingSince: null,
    interruptions: 0,
    lastRunId: null,
    lastOutcome: null,
    lastStartedAt: null,
    lastFinishedAt: null,
    nextRunAt: null,
    recent: EMPTY_RECENT,
    leaseOwner: null,
    leaseExpiresAt: null,
    leaseEpoch: 0,
    leaseRunId: null,
    stopRequestedBy: null,
    stopRequestedAt: null,
  };
}

export function definitionsOf(config: LoadedConfig): { services: ServiceDef[]; tasks: TaskDef[] } {
  return {
    services: config.services.map((s) => ({ id: s.id, name: s.name, baseUrl: s.baseUrl ?? null })),
    tasks: config.tasks.map((t) => ({
      id: t.id,
      name: t.name,
      type: t.type,
      serviceId: t.service,
      role: t.role,
      intervalMs: t.interval ?? null,
      maxIntervalMs: t.interval === undefined ? null : (t.maxInterval ?? defaultMaxInterval(t.interval)),
      cron: t.schedule ?? null,
      timeoutMs: t.timeout,
      handlerKind: t.handler.kind,
      enabled: t.enabled,
    })),
  };
}
