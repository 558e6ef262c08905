// Row shapes of alerts: the decision (one row per task and episode), its deliveries (one per
// channel) and every attempt to deliver it (docs/alerts.md). Times are the caller's clock,
// like every other row.

export const ALERT_EVENTS = ['failing', 'recovered', 'unrunnable', 'runnable', 'test'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** pending: due at nextAttemptAt; delivered; failed: given up (retries ran out, or a test alert that failed once). */
export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** An alert to record, with a delivery to each of `channels` due at `now`. */
export interface NewAlert {
  event: AlertEvent;
  taskId: string | null;
  runId: number | null;
  /** The JSON sent to every channel, redacted and stripped of control characters. */
  payload: string;
  channels: readonly string[];
  /** The instance that decided it. */
  createdBy: string;
  now: number;
}

export interface AlertRow {
  id: number;
  /** Unique per task and episode (`failing:TASK:EPISODE`): the decision is made once, whoever makes it. */
  key: string;
  event: AlertEvent;
  taskId: string | null;
  runId: number | null;
  createdAt: number;
  createdBy: string;
  payload: string;
}

export interface DeliveryRow {
  id: number;
  alertId: number;
  channel: string;
  state: DeliveryState;
  /** Attempts made so far. */
  attempts: number;
  /** When it is due (pending), else null. */
  nextAttemptAt: number | null;
  /** The instance sending it now, until claimExpiresAt. */
  claimedBy: string | null;
  claimExpiresAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  createdAt: number;
}

export interface AttemptInput {
  at: number;
  instanceId: string;
  ok: boolean;
  /** The HTTP status, or a command's exit code; null when there was no answer. */
  status: number | null;
  /** What the channel answered, one line. */
  message: string;
  durationMs: number;
}

export interface AttemptRow extends AttemptInput {
  id: number;
  deliveryId: number;
  channel: string;
}

export interface AlertListing extends AlertRow {
  deliveries: (DeliveryRow & { attemptLog: AttemptRow[] })[];
}

/** A delivery this instance may send now (it holds the claim until claimExpiresAt). */
export interface ClaimedDelivery {
  delivery: DeliveryRow;
  alert: AlertRow;
}

export interface ClaimInput {
  instanceId: string;
  /** Only deliveries to these channels (the ones this instance's config can send to). */
  channels: readonly string[];
  now: number;
  claimMs: number;
  /** Only this alert's deliveries (a test alert sent by the command that made it). */
  alertId?: number;
}

export interface DeliveryResult {
  deliveryId: number;
  instanceId: string;
  attempt: AttemptInput;
  /** The delivery's state after this attempt; nextAttemptAt only while pending. */
  state: DeliveryState;
  nextAttemptAt: number | null;
}

/** A channel whose latest attempt failed: since the first failure after its last success. */
export interface ChannelTroubleRow {
  channel: string;
  failingSince: number;
  /** Alerts not delivered to it (pending or given up). */
  undelivered: number;
  lastError: string | null;
}

/** A task no live instance may run, watched since `since`; `alerted` once its `unrunnable` alert exists. */
export interface UnrunnableRow {
  taskId: string;
  since: number;
  alerted: boolean;
}

/** The unique key of a decision: one per event, task and episode (the episode's start in the database's clock). */
export function alertKey(event: AlertEvent, taskId: string, episode: number): string {
  return `${event}:${taskId}:${episode}`;
}
