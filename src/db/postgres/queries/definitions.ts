import { eq } from 'drizzle-orm';
import { fleetConfig as fleet, services, tasks } from '../schema.js';
import { byId, claimWins, nothingToWrite, sameFields } from '../../definitions-diff.js';
import type { DefinitionsSync, FleetClaim, FleetConfigRow, ServiceDef, TaskDef } from '../../types.js';
import type { Db, Tx } from './db.js';

/** The one row of fleet_config. */
const FLEET_ROW = 1;

async function fleetConfig(db: Db | Tx): Promise<FleetConfigRow | null> {
  const [row] = await db
    .select({ version: fleet.version, writtenBy: fleet.writtenBy, writtenAt: fleet.writtenAt })
    .from(fleet)
    .where(eq(fleet.id, FLEET_ROW));
  return row ?? null;
}

async function storedDefinitions(db: Db | Tx) {
  return { services: await db.select().from(services), tasks: await db.select().from(tasks) };
}

/**
 * Upserts the config's services and tasks; what left the config is flagged, never deleted,
 * so history stays. Only changes are written: each write wakes every other instance. The
 * caller holds the sync lock (pg-store.ts; raw-queries.ts becomeWriter), so claims are
 * decided one at a time; the definitions are looked at again inside the transaction.
 */
export function syncDefinitions(
  db: Db,
  serviceDefs: ServiceDef[],
  taskDefs: TaskDef[],
  now: number,
  claim?: FleetClaim,
): Promise<DefinitionsSync> {
  return db.transaction(async (tx): Promise<DefinitionsSync> => {
    const current = await fleetConfig(tx);
    if (claim && !claimWins(current, claim)) return { written: false, fleet: current };
    const again = await storedDefinitions(tx);
    if (nothingToWrite(again, current, serviceDefs, taskDefs, claim)) return { written: true, fleet: current };
    const oldServices = new Map(again.services.map((r) => [r.id, r]));
    for (const s of byId(serviceDefs)) {
      const old = oldServices.get(s.id);
      if (old && old.inConfig && sameFields(old, s)) continue;
      const row = { ...s, inConfig: true, updatedAt: now };
      await tx.insert(services).values(row).onConflictDoUpdate({ target: services.id, set: row });
    }
    const serviceIds = new Set(serviceDefs.map((s) => s.id));
    for (const old of byId([...oldServices.values()])) {
      if (old.inConfig && !serviceIds.has(old.id))
        await tx.update(services).set({ inConfig: false }).where(eq(services.id, old.id));
    }

    const oldTasks = new Map(again.tasks.map((r) => [r.id, r]));
    // In id order, as every statement that locks several task rows: no deadlocks between instances.
    const sorted = byId(taskDefs);
    // New tasks in one statement (many added to the config at once; a new database's first are raw-queries.ts's).
    const added = sorted.filter((t) => !oldTasks.has(t.id));
    const inserted = new Set(
      added.length === 0
        ? []
        : (
            await tx
              .insert(tasks)
              .values(added.map((t) => ({ ...t, inConfig: true, updatedAt: now, effectiveIntervalMs: t.intervalMs })))
              .onConflictDoNothing()
              .returning({ id: tasks.id })
          ).map((r) => r.id),
    );
    for (const t of sorted) {
      if (inserted.has(t.id)) continue;
      const seen = oldTasks.get(t.id);
      if (seen && seen.inConfig && sameFields(seen, t)) continue;
      await upsertTask(tx, t, now, claim?.nextRunAt);
    }
    const taskIds = new Set(taskDefs.map((t) => t.id));
    for (const old of byId([...oldTasks.values()])) {
      if (old.inConfig && !taskIds.has(old.id))
        await tx.update(tasks).set({ inConfig: false }).where(eq(tasks.id, old.id));
    }
    if (!claim) return { written: true, fleet: current };
    // The same version again keeps who wrote it first.
    if (current?.version === claim.version) return { written: true, fleet: current };
    const next = { version: claim.version, writtenBy: claim.writtenBy, writtenAt: now };
    await tx
      .insert(fleet)
      .values({ id: FLEET_ROW, ...next })
      .onConflictDoUpdate({ target: fleet.id, set: next });
    return { written: true, fleet: next };
  });
}

async function upsertTask(tx: Tx, t: TaskDef, now: number, nextRunAt: FleetClaim['nextRunAt']): Promise<void> {
  const row = { ...t, inConfig: true, updatedAt: now };
  // Instances starting together may insert the same new task: the second one waits, then updates.
  const inserted = await tx
    .insert(tasks)
    .values({ ...row, effectiveIntervalMs: t.intervalMs })
    .onConflictDoNothing()
    .returning({ id: tasks.id });
  if (inserted.length > 0) return;
  // Compared again under the row lock: another instance may have changed it meanwhile.
  const [existing] = await tx.select().from(tasks).where(eq(tasks.id, t.id)).for('update');
  if (!existing || (existing.inConfig && sameFields(existing, t))) return;
  // A changed schedule resets the backoff to the new base; failures stay.
  const intervalChanged =
    existing.intervalMs !== t.intervalMs || existing.maxIntervalMs !== t.maxIntervalMs || existing.cron !== t.cron;
  await tx
    .update(tasks)
    .set(
      intervalChanged
        ? { ...row, effectiveIntervalMs: t.intervalMs, nextRunAt: nextRunAt?.(t.id, existing.lastFinishedAt) ?? null }
        : row,
    )
    .where(eq(tasks.id, t.id));
}
