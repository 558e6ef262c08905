import { eq } from 'drizzle-orm';
import { fleetConfig as fleet, services, tasks } from '../schema.js';
import { claimWins, nothingToWrite, sameFields } from '../../definitions-diff.js';
import type {
  DefinitionsSync,
  FleetClaim,
  FleetConfigRow,
  ServiceDef,
  ServiceRow,
  TaskDef,
  TaskRow,
} from '../../types.js';
import type { Db } from './db.js';
import { preparedFor } from './prepared.js';
import { rawRows } from './raw-rows.js';

const serviceRows = rawRows(services);
const taskRows = rawRows(tasks);

// Read on every snapshot and every start: plain statements, rows without drizzle's mapping (raw-rows.ts).
const statements = preparedFor((db: Db) => ({
  listServices: db.raw.prepare(`${serviceRows.select} ORDER BY id`).raw(),
  listTasks: db.raw.prepare(`${taskRows.select} ORDER BY id`).raw(),
  getTask: db.raw.prepare(`${taskRows.select} WHERE id = ?`).raw(),
  fleet: db.raw.prepare(
    'SELECT version, written_by AS "writtenBy", written_at AS "writtenAt" FROM fleet_config WHERE id = ?',
  ),
}));

/** The one row of fleet_config. */
const FLEET_ROW = 1;

export function fleetConfig(db: Db): FleetConfigRow | null {
  const row = statements(db).fleet.get(FLEET_ROW) as FleetConfigRow | undefined;
  return row ? { version: row.version, writtenBy: row.writtenBy, writtenAt: row.writtenAt } : null;
}

/**
 * Upserts the config's services and tasks; what left the config is flagged, never deleted,
 * so history stays. Rows are compared first and only changes are written: every start of
 * every dashboard syncs, and a clinic may have hundreds of tasks.
 */
export function syncDefinitions(
  db: Db,
  serviceDefs: ServiceDef[],
  taskDefs: TaskDef[],
  now: number,
  claim?: FleetClaim,
): DefinitionsSync {
  // Read first, without the write lock: usually nothing differs and no lock is needed.
  const stored = { services: listServices(db), tasks: listTasks(db) };
  const seen = fleetConfig(db);
  if (nothingToWrite(stored, seen, serviceDefs, taskDefs, claim)) return { written: true, fleet: seen };
  return db.orm.transaction(
    (tx): DefinitionsSync => {
      // Decided and written in one IMMEDIATE transaction: two instances claiming at once do not interleave.
      const current = fleetConfig(db);
      if (claim && !claimWins(current, claim)) return { written: false, fleet: current };
      const oldServices = new Map(
        tx
          .select()
          .from(services)
          .all()
          .map((r) => [r.id, r]),
      );
      for (const s of serviceDefs) {
        const old = oldServices.get(s.id);
        if (old && old.inConfig && sameFields(old, s)) continue;
        const row = { ...s, inConfig: true, updatedAt: now };
        tx.insert(services).values(row).onConflictDoUpdate({ target: services.id, set: row }).run();
      }
      const serviceIds = new Set(serviceDefs.map((s) => s.id));
      for (const old of oldServices.values()) {
        if (old.inConfig && !serviceIds.has(old.id))
          tx.update(services).set({ inConfig: false }).where(eq(services.id, old.id)).run();
      }

      const oldTasks = new Map(
        tx
          .select()
          .from(tasks)
          .all()
          .map((r) => [r.id, r]),
      );
      for (const t of taskDefs) {
        const existing = oldTasks.get(t.id);
        const row = { ...t, inConfig: true, updatedAt: now };
        if (!existing) {
          tx.insert(tasks)
            .values({ ...row, effectiveIntervalMs: t.intervalMs })
            .run();
          continue;
        }
        if (existing.inConfig && sameFields(existing, t)) continue;
        // A changed schedule resets the backoff to the new base; failures stay.
        const intervalChanged =
          existing.intervalMs !== t.intervalMs ||
          existing.maxIntervalMs !== t.maxIntervalMs ||
          existing.cron !== t.cron;
        tx.update(tasks)
          .set(
            intervalChanged
              ? {
                  ...row,
                  effectiveIntervalMs: t.intervalMs,
                  nextRunAt: claim?.nextRunAt?.(t.id, existing.lastFinishedAt) ?? null,
                }
              : row,
          )
          .where(eq(tasks.id, t.id))
          .run();
      }
      const taskIds = new Set(taskDefs.map((t) => t.id));
      for (const old of oldTasks.values()) {
        if (old.inConfig && !taskIds.has(old.id))
          tx.update(tasks).set({ inConfig: false }).where(eq(tasks.id, old.id)).run();
      }
      if (!claim) return { written: true, fleet: current };
      // The same version again keeps who wrote it first.
      if (current?.version === claim.version) return { written: true, fleet: current };
      const next = { version: claim.version, writtenBy: claim.writtenBy, writtenAt: now };
      tx.insert(fleet)
        .values({ id: FLEET_ROW, ...next })
        .onConflictDoUpdate({ target: fleet.id, set: next })
        .run();
      return { written: true, fleet: next };
    },
    { behavior: 'immediate' },
  );
}

export function listServices(db: Db): ServiceRow[] {
  return serviceRows.rows(statements(db).listServices.all());
}

export function listTasks(db: Db): TaskRow[] {
  return taskRows.rows(statements(db).listTasks.all());
}

export function getTask(db: Db, id: string): TaskRow | undefined {
  return taskRows.row(statements(db).getTask.get(id));
}
