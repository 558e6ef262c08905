// Tasks that no live instance may run (docs/alerts.md): the first instance that notices
// opens the episode; its `unrunnable` and `runnable` alerts are keyed by the episode's start.
import { eq } from 'drizzle-orm';
import { unrunnableTasks } from '../schema.js';
import { alertKey, type AlertRow, type NewAlert, type UnrunnableRow } from '../../alert-types.js';
import { insertAlert } from './alerts.js';
import type { Db } from './db.js';

export function listUnrunnable(db: Db): UnrunnableRow[] {
  return db.orm.select().from(unrunnableTasks).all();
}

/** Opens the episode unless one is open; returns its start. */
export function openUnrunnable(db: Db, taskId: string, now: number): number {
  return db.orm.transaction(
    (tx) => {
      tx.insert(unrunnableTasks).values({ taskId, since: now, alerted: false }).onConflictDoNothing().run();
      return tx
        .select({ since: unrunnableTasks.since })
        .from(unrunnableTasks)
        .where(eq(unrunnableTasks.taskId, taskId))
        .get()!.since;
    },
    { behavior: 'immediate' },
  );
}

/** The episode's `unrunnable` alert, once: null when no episode is open or it was raised already. */
export function raiseUnrunnable(db: Db, taskId: string, alert: NewAlert): AlertRow | null {
  return db.orm.transaction(
    (tx) => {
      const open = tx.select().from(unrunnableTasks).where(eq(unrunnableTasks.taskId, taskId)).get();
      if (!open || open.alerted) return null;
      tx.update(unrunnableTasks).set({ alerted: true }).where(eq(unrunnableTasks.taskId, taskId)).run();
      return insertAlert(tx, alertKey('unrunnable', taskId, open.since), alert);
    },
    { behavior: 'immediate' },
  );
}

/** Ends the episode; with an alert, raises it (`runnable`) only when the episode's `unrunnable` was. */
export function closeUnrunnable(db: Db, taskId: string, alert: NewAlert | null): AlertRow | null {
  return db.orm.transaction(
    (tx) => {
      const closed = tx.delete(unrunnableTasks).where(eq(unrunnableTasks.taskId, taskId)).returning().get();
      if (!closed || !closed.alerted || !alert) return null;
      return insertAlert(tx, alertKey('runnable', taskId, closed.since), alert);
    },
    { behavior: 'immediate' },
  );
}
