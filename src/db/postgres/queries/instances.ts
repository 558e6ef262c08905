import { eq, inArray, isNull } from 'drizzle-orm';
import { instances } from '../schema.js';
import type { InstanceInput, InstanceRow } from '../../types.js';
import type { Db } from './db.js';

export async function registerInstance(db: Db, row: InstanceInput): Promise<void> {
  await db.insert(instances).values(row).onConflictDoUpdate({ target: instances.id, set: row });
}

export async function heartbeatInstance(db: Db, id: string, now: number): Promise<void> {
  await db.update(instances).set({ heartbeatAt: now, stoppedAt: null }).where(eq(instances.id, id));
}

export async function markInstancesStopped(db: Db, ids: readonly string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(instances)
    .set({ stoppedAt: now })
    .where(inArray(instances.id, [...ids]));
}

export function listInstances(db: Db, running = false): Promise<InstanceRow[]> {
  return running ? db.select().from(instances).where(isNull(instances.stoppedAt)) : db.select().from(instances);
}
