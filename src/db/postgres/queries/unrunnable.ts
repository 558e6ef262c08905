// Tasks that no live instance may run, on PostgreSQL (docs/alerts.md): the first instance
// that notices opens the episode; its `unrunnable` and `runnable` alerts are keyed by the
// episode's start. The episode row is locked while its alert is decided.
import { eq } from 'drizzle-orm';
import { unrunnableTasks } from '../schema.js';
import { alertKey, type AlertRow, type NewAlert, type UnrunnableRow } from '../../alert-types.js';
import { insertAlert } from './alerts.js';
import type { Db } from './db.js';

export function listUnrunnable(db: Db): Promise<UnrunnableRow[]> {
  return db.select().from(unrunnableTasks);
}

/** Opens the episode unless one is open; returns its start. */
export function openUnrunnable(db: Db, taskId: string, now: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.insert(unrunnableTasks).values({ taskId, since: now, alerted: false }).onConflictDoNothing();
    const [open] = await tx
      .select({ since: unrunnableTasks.since })
      .from(unrunnableTasks)
      .where(eq(unrunnableTasks.taskId, taskId));
    // Closed by another instance between the two statements: this instance's view opens it again next time.
    return open?.since ?? now;
  });
}

/** The episode's `unrunnable` alert, once: null when no episode is open or it was raised already. */
export function raiseUnrunnable(db: Db, taskId: string, alert: NewAlert): Promise<AlertRow | null> {
  return db.transaction(async (tx) => {
    const [open] = await tx.select().from(unrunnableTasks).where(eq(unrunnableTasks.taskId, taskId)).for('update');
    if (!open || open.alerted) return null;
    await tx.update(unrunnableTasks).set({ alerted: true }).where(eq(unrunnableTasks.taskId, taskId));
    return insertAlert(tx, alertKey('unrunnable', taskId, open.since), alert);
  });
}

/** Ends the episode; with an alert, raises it (`runnable`) only when the episode's `unrunnable` was. */
export function closeUnrunnable(db: Db, taskId: string, alert: NewAlert | null): Promise<AlertRow | null> {
  return db.transaction(async (tx) => {
    const [closed] = await tx.delete(unrunnableTasks).where(eq(unrunnableTasks.taskId, taskId)).returning();
    if (!closed || !closed.alerted || !alert) return null;
    return insertAlert(tx, alertKey('runnable', taskId, closed.since), alert);
  });
}
