// Alert deliveries on PostgreSQL (docs/alerts.md): a due delivery is claimed with a
// conditional update, like a lease (SKIP LOCKED: instances claiming at once take different
// ones), so one instance sends it; its end records the attempt and what comes next.
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { alertAttempts, alertDeliveries, alerts } from '../schema.js';
import type { ChannelTroubleRow, ClaimInput, ClaimedDelivery, DeliveryResult } from '../../alert-types.js';
import type { Db } from './db.js';

function claimable(now: number) {
  return or(isNull(alertDeliveries.claimedBy), lt(alertDeliveries.claimExpiresAt, now));
}

export function claimDelivery(db: Db, c: ClaimInput): Promise<ClaimedDelivery | null> {
  if (c.channels.length === 0) return Promise.resolve(null);
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: alertDeliveries.id })
      .from(alertDeliveries)
      .where(
        and(
          eq(alertDeliveries.state, 'pending'),
          lte(alertDeliveries.nextAttemptAt, c.now),
          claimable(c.now),
          inArray(alertDeliveries.channel, [...c.channels]),
          c.alertId === undefined ? undefined : eq(alertDeliveries.alertId, c.alertId),
        ),
      )
      .orderBy(asc(alertDeliveries.nextAttemptAt), asc(alertDeliveries.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!due) return null;
    const [delivery] = await tx
      .update(alertDeliveries)
      .set({ claimedBy: c.instanceId, claimExpiresAt: c.now + c.claimMs })
      .where(and(eq(alertDeliveries.id, due.id), claimable(c.now)))
      .returning();
    if (!delivery) return null;
    const [alert] = await tx.select().from(alerts).where(eq(alerts.id, delivery.alertId));
    return alert ? { delivery, alert } : null;
  });
}

/** Records the attempt; the delivery's state changes only while this instance still holds the claim. */
export function finishDelivery(db: Db, r: DeliveryResult): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [delivery] = await tx
      .select({ channel: alertDeliveries.channel })
      .from(alertDeliveries)
      .where(eq(alertDeliveries.id, r.deliveryId))
      .for('update');
    if (!delivery) return false;
    await tx.insert(alertAttempts).values({ deliveryId: r.deliveryId, channel: delivery.channel, ...r.attempt });
    const held = await tx
      .update(alertDeliveries)
      .set({
        attempts: sql`${alertDeliveries.attempts} + 1`,
        lastAttemptAt: r.attempt.at,
        lastError: r.attempt.ok ? null : r.attempt.message,
        state: r.state,
        nextAttemptAt: r.state === 'pending' ? r.nextAttemptAt : null,
        deliveredAt: r.state === 'delivered' ? r.attempt.at : null,
        claimedBy: null,
        claimExpiresAt: null,
      })
      .where(and(eq(alertDeliveries.id, r.deliveryId), eq(alertDeliveries.claimedBy, r.instanceId)))
      .returning({ id: alertDeliveries.id });
    return held.length > 0;
  });
}

/** When the next delivery to these channels is due (a claimed one: when its claim runs out); null when none is pending. */
export async function nextDeliveryAt(db: Db, channels: readonly string[]): Promise<number | null> {
  if (channels.length === 0) return null;
  const [row] = await db
    .select({
      at: sql<
        string | null
      >`min(GREATEST(${alertDeliveries.nextAttemptAt}, coalesce(${alertDeliveries.claimExpiresAt}, 0)))::text`,
    })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.state, 'pending'), inArray(alertDeliveries.channel, [...channels])));
  return row?.at == null ? null : Number(row.at);
}

/** Channels whose latest attempt failed, since the first failure after their last success (one statement). */
export async function channelTrouble(db: Db): Promise<ChannelTroubleRow[]> {
  const { rows } = await db.execute<{
    channel: string;
    failing_since: string;
    undelivered: string;
    last_error: string | null;
  }>(sql.raw(TROUBLE));
  return rows.map((r) => ({
    channel: r.channel,
    failingSince: Number(r.failing_since),
    undelivered: Number(r.undelivered),
    lastError: r.last_error,
  }));
}

const TROUBLE = `
WITH last_ok AS (SELECT channel, max(at) AS at FROM alert_attempts WHERE ok GROUP BY channel),
     failing AS (
       SELECT a.channel, min(a.at)::text AS failing_since, max(a.id) AS last_id
         FROM alert_attempts a LEFT JOIN last_ok o ON o.channel = a.channel
        WHERE NOT a.ok AND a.at > coalesce(o.at, -1)
        GROUP BY a.channel)
SELECT f.channel, f.failing_since,
       (SELECT count(*) FROM alert_deliveries d WHERE d.channel = f.channel AND d.state <> 'delivered' AND d.attempts > 0)::text AS undelivered,
       (SELECT m.message FROM alert_attempts m WHERE m.id = f.last_id) AS last_error
  FROM failing f ORDER BY f.channel`;
