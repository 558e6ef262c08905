// Whether the config's services and tasks differ from the stored rows: every instance
// syncs its config at start, and when nothing differs (the usual case: forty instances
// of one config starting together) it must not take a write lock to find that out.
import type { FleetClaim, FleetConfigRow, ServiceDef, TaskDef } from './types.js';

interface StoredRow {
  id: string;
  inConfig: boolean;
}

/** Every field of the definition holds the same value in the row. */
export function sameFields(row: object, def: object): boolean {
  const r = row as Record<string, unknown>;
  return Object.entries(def).every(([k, v]) => r[k] === v);
}

function differ(stored: readonly StoredRow[], defs: readonly { id: string }[]): boolean {
  const byId = new Map(stored.map((r) => [r.id, r]));
  for (const d of defs) {
    const row = byId.get(d.id);
    if (!row || !row.inConfig || !sameFields(row, d)) return true;
  }
  const ids = new Set(defs.map((d) => d.id));
  return stored.some((r) => r.inConfig && !ids.has(r.id));
}

type Stored = { services: readonly (ServiceDef & StoredRow)[]; tasks: readonly (TaskDef & StoredRow)[] };

/** True when syncing these definitions would write anything. */
function definitionsDiffer(stored: Stored, services: readonly ServiceDef[], tasks: readonly TaskDef[]): boolean {
  return differ(stored.services, services) || differ(stored.tasks, tasks);
}

/** A sync has nothing to write: the same definitions, and (with a claim) the fleet at the claim's version. */
export function nothingToWrite(
  stored: Stored,
  fleet: FleetConfigRow | null,
  services: readonly ServiceDef[],
  tasks: readonly TaskDef[],
  claim?: FleetClaim,
): boolean {
  return !definitionsDiffer(stored, services, tasks) && (!claim || fleet?.version === claim.version);
}

/** Whether a claim may write: no version yet, the same one, a config without a file, or a version written before the claimant's file changed. */
export function claimWins(current: FleetConfigRow | null, claim: FleetClaim): boolean {
  return (
    current === null ||
    current.version === claim.version ||
    claim.fileModifiedAt === null ||
    claim.fileModifiedAt > current.writtenAt
  );
}

/** Rows in id order: writers that take row locks in one order cannot deadlock each other. */
export function byId<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
