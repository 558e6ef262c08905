// The config's services and tasks as the store keeps them (no credentials).
import type { LoadedConfig } from '../config/load.js';
import type { ServiceDef, TaskDef } from '../db/types.js';
import { defaultMaxInterval } from './schedule.js';

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
