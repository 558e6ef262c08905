import { taskState } from '../schema.js';
import type { Db } from './db.js';
import { runStatements } from './run-statements.js';

export function getState(db: Db, taskId: string): Record<string, unknown> {
  const rows = runStatements(db).getState.all({ taskId });
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export function setState(db: Db, taskId: string, key: string, value: unknown, now: number): void {
  const row = { taskId, key, value: JSON.stringify(value ?? null), updatedAt: now };
  db.orm
    .insert(taskState)
    .values(row)
    .onConflictDoUpdate({ target: [taskState.taskId, taskState.key], set: { value: row.value, updatedAt: now } })
    .run();
}
