// Alert decisions (docs/alerts.md): insert-if-absent on a unique key per task and episode,
// with a delivery to each channel in the same transaction; the listing; retention.
import { desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alertAttempts, alertDeliveries, alerts } from '../schema.js';
import { alertKey, type AlertListing, type AlertRow, type NewAlert } from '../../alert-types.js';
import type { Db, Tx } from './db.js';

type Handle = Db['orm'] | Tx;

/** Records the alert unless its key exists; returns it, or null when it was already decided. */
export function insertAlert(tx: Handle, key: string, a: NewAlert): AlertRow | null {
  const row = tx
    .insert(alerts)
    .values({
      key,
      event: a.event,
      taskId: a.taskId,
      runId: a.runId,
      createdAt: a.now,
      createdBy: a.createdBy,
      payload: a.payload,
    })
    .onConflictDoNothing({ target: alerts.key })
    .returning()
    .get();
  if (!row) return null;
  for (const channel of new Set(a.channels)) {
    tx.insert(alertDeliveries)
      .values({ alertId: row.id, channel, state: 'pending', attempts: 0, nextAttemptAt: a.now, createdAt: a.now })
      .run();
  }
  return row;
}

/**
 * A run's alert, keyed by the episode found in the task row: `failing` by its failingSince
 * after the run, `recovered` by the one before it, and only when that episode's `failing` exists.
 */
export function insertRunAlert(
  tx: Handle,
  taskId: string,
  a: NewAlert,
  failingSinceBefore: number | null,
  failingSinceAfter: number | null,
): AlertRow | null {
  if (a.event === 'failing')
    return failingSinceAfter === null ? null : insertAlert(tx, alertKey('failing', taskId, failingSinceAfter), a);
  if (a.event !== 'recovered' || failingSinceBefore === null) return null;
  const failing = tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(eq(alerts.key, alertKey('failing', taskId, failingSinceBefore)))
    .get();
  return failing ? insertAlert(tx, alertKey('recovered', taskId, failingSinceBefore), a) : null;
}

export function raiseAlert(db: Db, key: string, a: NewAlert): AlertRow | null {
  return db.orm.transaction((tx) => insertAlert(tx, key, a), { behavior: 'immediate' });
}

/** Newest first, each with its deliveries and their attempts. */
export function listAlerts(db: Db, limit: number, visibleTaskIds?: readonly string[]): AlertListing[] {
  return db.raw
    .transaction(() => {
      const rows = db.orm
        .select()
        .from(alerts)
        .where(visibleTaskIds ? or(isNull(alerts.taskId), inArray(alerts.taskId, [...visibleTaskIds])) : undefined)
        .orderBy(desc(alerts.id))
        .limit(limit)
        .all();
      const ids = rows.map((r) => r.id);
      const deliveries = ids.length
        ? db.orm
            .select()
            .from(alertDeliveries)
            .where(inArray(alertDeliveries.alertId, ids))
            .orderBy(alertDeliveries.id)
            .all()
        : [];
      const dIds = deliveries.map((d) => d.id);
      const attempts = dIds.length
        ? db.orm
            .select()
            .from(alertAttempts)
            .where(inArray(alertAttempts.deliveryId, dIds))
            .orderBy(alertAttempts.id)
            .all()
        : [];
      return rows.map((r) => ({
        ...r,
        deliveries: deliveries
          .filter((d) => d.alertId === r.id)
          .map((d) => ({ ...d, attemptLog: attempts.filter((x) => x.deliveryId === d.id) })),
      }));
    })
    .deferred();
}

/** Alerts decided before `cutoff` with nothing left to deliver (their deliveries and attempts go with them). */
export function deleteAlertsBefore(db: Db, cutoff: number, batch: number): number {
  return db.orm
    .delete(alerts)
    .where(
      inArray(
        alerts.id,
        sql`(SELECT a.id FROM alerts a WHERE a.created_at < ${cutoff}
              AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.state = 'pending') LIMIT ${batch})`,
      ),
    )
    .run().changes;
}
