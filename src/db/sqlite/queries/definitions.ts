import { eq, sql } from 'drizzle-orm';
import { services, tasks } from '../schema.js';
import { definitionsDiffer, sameFields } from '../../definitions-diff.js';
import type { ServiceDef, ServiceRow, TaskDef, TaskRow } from '../../types.js';
import type { Db } from './db.js';
import { preparedFor } from './prepared.js';

const statements = preparedFor((db: Db) => ({
  listServices: db.orm.select().from(services).orderBy(services.id).prepare(),
  listTasks: db.orm.select().from(tasks).orderBy(tasks.id).prepare(),
  getTask: db.orm
    .select()
    .from(tasks)
    .where(eq(tasks.id, sql.placeholder('id')))
    .prepare(),
}));

/**
 * Upserts the config's services and tasks; what left the config is flagged, never deleted,
 * so history stays. Rows are compared first and only changes are written: every start of
 * every dashboard syncs, and a clinic may have hundreds of tasks.
 */
export function syncDefinitions(db: Db, serviceDefs: ServiceDef[], taskDefs: TaskDef[], now: number): void {
  // Read first, without the write lock: usually nothing differs and no lock is needed.
  const stored = { services: listServices(db), tasks: listTasks(db) };
  if (!definitionsDiffer(stored, serviceDefs, taskDefs)) return;
  db.orm.transaction(
    (tx) => {
      const oldServices = new Map(tx.select().from(services).all().map((r) => [r.id, r]));
      for (const s of serviceDefs) {
        const old = oldServices.get(s.id);
        if (old && old.inConfig && sameFields(old, s)) continue;
        const row = { ...s, inConfig: true, updatedAt: now };
        tx.insert(services).values(row).onConflictDoUpdate({ target: services.id, set: row }).run();
      }
      const serviceIds = new Set(serviceDefs.map((s) => s.id));
      for (const old of oldServices.values()) {
        if (old.inConfig && !serviceIds.has(old.id)) tx.update(services).set({ inConfig: false }).where(eq(services.id, old.id)).run();
      }

      const oldTasks = new Map(tx.select().from(tasks).all().map((r) => [r.id, r]));
      for (const t of taskDefs) {
        const existing = oldTasks.get(t.id);
        const row = { ...t, inConfig: true, updatedAt: now };
        if (!existing) {
          tx.insert(tasks).values({ ...row, effectiveIntervalMs: t.intervalMs }).run();
          continue;
        }
        if (existing.inConfig && sameFields(existing, t)) continue;
        // A changed schedule resets the backoff to the new base; failures stay.
        const intervalChanged = existing.intervalMs !== t.intervalMs || existing.maxIntervalMs !== t.maxIntervalMs || existing.cron !== t.cron;
        tx.update(tasks)
          .set(intervalChanged ? { ...row, effectiveIntervalMs: t.intervalMs, nextRunAt: null } : row)
          .where(eq(tasks.id, t.id))
          .run();
      }
      const taskIds = new Set(taskDefs.map((t) => t.id));
      for (const old of oldTasks.values()) {
        if (old.inConfig && !taskIds.has(old.id)) tx.update(tasks).set({ inConfig: false }).where(eq(tasks.id, old.id)).run();
      }
    },
    { behavior: 'immediate' },
  );
}

export function listServices(db: Db): ServiceRow[] {
  return statements(db).listServices.all();
}

export function listTasks(db: Db): TaskRow[] {
  return statements(db).listTasks.all();
}

export function getTask(db: Db, id: string): TaskRow | undefined {
  return statements(db).getTask.get({ id });
}
