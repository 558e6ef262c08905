// Instance rows → what the Instances screen and `syncdeck instances` show: the live ones,
// each with the tasks it runs now (docs/ARCHITECTURE.md, Leases: a run is its task's lease).
import type { InstanceRow, TaskRow } from '../db/types.js';
import { kindName } from './instances.js';
import type { InstanceView } from './types.js';
import { isLive, labelOf } from './views.js';

export interface InstanceViewContext {
  now: number;
  leaseTtlMs: number;
  /** This process's instance id. */
  selfId: string;
  /** Tasks the user may see: the others are left out of `running`. */
  visible: (task: TaskRow) => boolean;
}

/** The tasks each instance runs now: it holds the live lease of a task whose last run is still running. */
function runningByInstance(tasks: readonly TaskRow[], ctx: InstanceViewContext): Map<string, string[]> {
  const byOwner = new Map<string, string[]>();
  for (const t of tasks) {
    if (t.leaseOwner === null || (t.leaseExpiresAt ?? 0) < ctx.now || t.lastOutcome !== 'running' || !ctx.visible(t))
      continue;
    byOwner.set(t.leaseOwner, [...(byOwner.get(t.leaseOwner) ?? []), t.id]);
  }
  return byOwner;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every live instance (its heartbeat within the lease TTL, not stopped), by host, label, kind and pid. */
export function instanceViews(
  rows: readonly InstanceRow[],
  tasks: readonly TaskRow[],
  ctx: InstanceViewContext,
): InstanceView[] {
  const running = runningByInstance(tasks, ctx);
  return rows
    .filter((i) => isLive(i, ctx.now, ctx.leaseTtlMs))
    .map((i): InstanceView => ({
      id: i.id,
      label: labelOf(i),
      user: i.actingUser ?? i.user,
      osUser: i.user,
      host: i.host,
      pid: i.pid,
      kind: kindName(i.kind),
      version: i.version,
      roles: [...i.roles],
      schedules: i.schedules,
      startedAt: i.startedAt,
      heartbeatAt: i.heartbeatAt,
      clockSkewMs: i.clockSkewMs,
      running: (running.get(i.id) ?? []).sort(byText),
      self: i.id === ctx.selfId,
    }))
    .sort((a, b) => byText(a.host, b.host) || byText(a.label, b.label) || byText(a.kind, b.kind) || a.pid - b.pid);
}
