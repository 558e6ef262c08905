import { eq } from 'drizzle-orm';
import { taskState } from '../schema.js';
import type { Db } from './db.js';

export async function getState(db: Db, taskId: string): Promise<Record<string, unknown>> {
  const rows = await db.select().from(taskState).where(eq(taskState.taskId, taskId));
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export async function setState(db: Db, taskId: string, key: string, value: unknown, now: number): Promise<void> {
  const row = { taskId, key, value: JSON.stringify(value ?? null), updatedAt: now };
  await db
    .insert(taskState)
    .values(row)
    .onConflictDoUpdate({ target: [taskState.taskId, taskState.key], set: { value: row.value, updatedAt: now } });
}
