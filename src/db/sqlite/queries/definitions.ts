import { eq, notInArray } from 'drizzle-orm';
import { services, tasks } from '../schema.js';
import type { ServiceDef, ServiceRow, TaskDef, TaskRow } from '../../types.js';
import type { Db } from './db.js';

/** Upserts the config's services and tasks; what left the config is flagged, never deleted, so history stays. */
export function syncDefinitions(db: Db, serviceDefs: ServiceDef[], taskDefs: TaskDef[], now: number): void {
  db.orm.transaction(
    (tx) => {
      for (const s of serviceDefs) {
        const row = { ...s, inConfig: true, updatedAt: now };
        tx.insert(services).values(row).onConflictDoUpdate({ target: services.id, set: row }).run();
      }
      const serviceIds = serviceDefs.map((s) => s.id);
      tx.update(services).set({ inConfig: false }).where(serviceIds.length ? notInArray(services.id, serviceIds) : undefined).run();

      for (const t of taskDefs) {
        const existing = tx.select().from(tasks).where(eq(tasks.id, t.id)).get();
        const row = { ...t, inConfig: true, updatedAt: now };
        if (!existing) {
          tx.insert(tasks).values({ ...row, effectiveIntervalMs: t.intervalMs }).run();
          continue;
        }
        // A changed interval resets the backoff to the new base; failures stay.
        const intervalChanged = existing.intervalMs !== t.intervalMs || existing.maxIntervalMs !== t.maxIntervalMs || existing.cron !== t.cron;
        tx.update(tasks)
          .set(intervalChanged ? { ...row, effectiveIntervalMs: t.intervalMs, nextRunAt: null } : row)
          .where(eq(tasks.id, t.id))
          .run();
      }
      const taskIds = taskDefs.map((t) => t.id);
      tx.update(tasks).set({ inConfig: false }).where(taskIds.length ? notInArray(tasks.id, taskIds) : undefined).run();
    },
    { behavior: 'immediate' },
  );
}

export function listServices(db: Db): ServiceRow[] {
  return db.orm.select().from(services).orderBy(services.id).all();
}

export function listTasks(db: Db): TaskRow[] {
  return db.orm.select().from(tasks).orderBy(tasks.id).all();
}

export function getTask(db: Db, id: string): TaskRow | undefined {
  return db.orm.select().from(tasks).where(eq(tasks.id, id)).get();
}
