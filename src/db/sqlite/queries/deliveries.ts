// Alert deliveries (docs/alerts.md): a due delivery is claimed with a conditional update,
// like a lease, so one instance sends it; its end records the attempt and what comes next.
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { alertAttempts, alertDeliveries, alerts } from '../schema.js';
import type { ChannelTroubleRow, ClaimInput, ClaimedDelivery, DeliveryResult } from '../../alert-types.js';
import type { Db } from './db.js';

function claimable(now: number) {
  return or(isNull(alertDeliveries.claimedBy), lt(alertDeliveries.claimExpiresAt, now));
}

export function claimDelivery(db: Db, c: ClaimInput): ClaimedDelivery | null {
  if (c.channels.length === 0) return null;
  return db.orm.transaction(
    (tx) => {
      const due = tx
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
        .get();
      if (!due) return null;
      const delivery = tx
        .update(alertDeliveries)
        .set({ claimedBy: c.instanceId, claimExpiresAt: c.now + c.claimMs })
        .where(and(eq(alertDeliveries.id, due.id), claimable(c.now)))
        .returning()
        .get();
      const alert = delivery && tx.select().from(alerts).where(eq(alerts.id, delivery.alertId)).get();
      return delivery && alert ? { delivery, alert } : null;
    },
    { behavior: 'immediate' },
  );
}

/** Records the attempt; the delivery's state changes only while this instance still holds the claim. */
export function finishDelivery(db: Db, r: DeliveryResult): boolean {
  return db.orm.transaction(
    (tx) => {
      const delivery = tx
        .select({ channel: alertDeliveries.channel })
        .from(alertDeliveries)
        .where(eq(alertDeliveries.id, r.deliveryId))
        .get();
      if (!delivery) return false;
      tx.insert(alertAttempts)
        .values({ deliveryId: r.deliveryId, channel: delivery.channel, ...r.attempt })
        .run();
      const held = tx
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
        .returning({ id: alertDeliveries.id })
        .get();
      return held !== undefined;
    },
    { behavior: 'immediate' },
  );
}

/** When the next delivery to these channels is due (a claimed one: when its claim runs out); null when none is pending. */
export function nextDeliveryAt(db: Db, channels: readonly string[]): number | null {
  if (channels.length === 0) return null;
  const row = db.orm
    .select({
      at: sql<
        number | null
      >`min(max(${alertDeliveries.nextAttemptAt}, coalesce(${alertDeliveries.claimExpiresAt}, 0)))`,
    })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.state, 'pending'), inArray(alertDeliveries.channel, [...channels])))
    .get();
  return row?.at ?? null;
}

/** Channels whose latest attempt failed, since the first failure after their last success (one statement). */
export function channelTrouble(db: Db): ChannelTroubleRow[] {
  const rows = db.raw.prepare(TROUBLE).all() as {
    channel: string;
    failing_since: number;
    undelivered: number;
    last_error: string | null;
  }[];
  return rows.map((r) => ({
    channel: r.channel,
    failingSince: r.failing_since,
    undelivered: r.undelivered,
    lastError: r.last_error,
  }));
}

const TROUBLE = `
WITH last_ok AS (SELECT channel, max(at) AS at FROM alert_attempts WHERE ok GROUP BY channel),
     failing AS (
       SELECT a.channel, min(a.at) AS failing_since, max(a.id) AS last_id
         FROM alert_attempts a LEFT JOIN last_ok o ON o.channel = a.channel
        WHERE NOT a.ok AND a.at > coalesce(o.at, -1)
        GROUP BY a.channel)
SELECT f.channel, f.failing_since,
       (SELECT count(*) FROM alert_deliveries d WHERE d.channel = f.channel AND d.state <> 'delivered' AND d.attempts > 0) AS undelivered,
       (SELECT m.message FROM alert_attempts m WHERE m.id = f.last_id) AS last_error
  FROM failing f ORDER BY f.channel`;
