// Alert decisions on PostgreSQL (docs/alerts.md): insert-if-absent on a unique key per task
// and episode (ON CONFLICT DO NOTHING: forty instances deciding at once make one row), with
// a delivery to each channel in the same transaction; the listing; retention.
import { desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alertAttempts, alertDeliveries, alerts } from '../schema.js';
import { alertKey, type AlertListing, type AlertRow, type NewAlert } from '../../alert-types.js';
import type { Db, Tx } from './db.js';

export async function insertAlert(tx: Db | Tx, key: string, a: NewAlert): Promise<AlertRow | null> {
  const [row] = await tx
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
    .returning();
  if (!row) return null;
  const channels = [...new Set(a.channels)];
  if (channels.length > 0) {
    await tx.insert(alertDeliveries).values(
      channels.map((channel) => ({
        alertId: row.id,
        channel,
        state: 'pending' as const,
        attempts: 0,
        nextAttemptAt: a.now,
        createdAt: a.now,
      })),
    );
  }
  return row;
}

/**
 * A run's alert, keyed by the episode found in the task row: `failing` by its failingSince
 * after the run, `recovered` by the one before it, and only when that episode's `failing` exists.
 */
export async function insertRunAlert(
  tx: Db | Tx,
  taskId: string,
  a: NewAlert,
  failingSinceBefore: number | null,
  failingSinceAfter: number | null,
): Promise<AlertRow | null> {
  if (a.event === 'failing')
    return failingSinceAfter === null ? null : insertAlert(tx, alertKey('failing', taskId, failingSinceAfter), a);
  if (a.event !== 'recovered' || failingSinceBefore === null) return null;
  const [failing] = await tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(eq(alerts.key, alertKey('failing', taskId, failingSinceBefore)));
  return failing ? insertAlert(tx, alertKey('recovered', taskId, failingSinceBefore), a) : null;
}

export function raiseAlert(db: Db, key: string, a: NewAlert): Promise<AlertRow | null> {
  return db.transaction((tx) => insertAlert(tx, key, a));
}

/** Newest first, each with its deliveries and their attempts (one snapshot). */
export function listAlerts(db: Db, limit: number, visibleTaskIds?: readonly string[]): Promise<AlertListing[]> {
  return db.transaction(
    async (tx) => {
      const rows = await tx
        .select()
        .from(alerts)
        .where(
          visibleTaskIds
            ? or(
                isNull(alerts.taskId),
                visibleTaskIds.length ? inArray(alerts.taskId, [...visibleTaskIds]) : sql`false`,
              )
            : undefined,
        )
        .orderBy(desc(alerts.id))
        .limit(limit);
      const ids = rows.map((r) => r.id);
      const deliveries = ids.length
        ? await tx
            .select()
            .from(alertDeliveries)
            .where(inArray(alertDeliveries.alertId, ids))
            .orderBy(alertDeliveries.id)
        : [];
      const dIds = deliveries.map((d) => d.id);
      const attempts = dIds.length
        ? await tx.select().from(alertAttempts).where(inArray(alertAttempts.deliveryId, dIds)).orderBy(alertAttempts.id)
        : [];
      return rows.map((r) => ({
        ...r,
        deliveries: deliveries
          .filter((d) => d.alertId === r.id)
          .map((d) => ({ ...d, attemptLog: attempts.filter((x) => x.deliveryId === d.id) })),
      }));
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Alerts decided before `cutoff` with nothing left to deliver (their deliveries and attempts go with them). */
export async function deleteAlertsBefore(db: Db, cutoff: number, batch: number): Promise<number> {
  const result = await db.delete(alerts).where(
    inArray(
      alerts.id,
      sql`(SELECT a.id FROM alerts a WHERE a.created_at < ${cutoff}
            AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.state = 'pending') LIMIT ${batch} FOR UPDATE SKIP LOCKED)`,
    ),
  );
  return result.rowCount ?? 0;
}
