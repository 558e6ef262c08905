import { eq, inArray } from 'drizzle-orm';
import { instances } from '../schema.js';
import type { InstanceInput, InstanceRow } from '../../types.js';
import type { Db } from './db.js';

export function registerInstance(db: Db, row: InstanceInput): void {
  db.orm.insert(instances).values(row).onConflictDoUpdate({ target: instances.id, set: row }).run();
}

export function heartbeatInstance(db: Db, id: string, now: number): void {
  db.orm.update(instances).set({ heartbeatAt: now }).where(eq(instances.id, id)).run();
}

export function markInstancesStopped(db: Db, ids: readonly string[], now: number): void {
  if (ids.length === 0) return;
  db.orm.update(instances).set({ stoppedAt: now }).where(inArray(instances.id, [...ids])).run();
}

export function listInstances(db: Db): InstanceRow[] {
  return db.orm.select().from(instances).all();
}
