// The delivery loop (docs/alerts.md, "Delivery"): claims a due delivery with a conditional
// update (like a lease: one instance sends it), sends it, records the attempt and when to
// try again (backoff.ts), until nothing is due; then sleeps until the next one is.
import type { AlertsConfig } from '../../config/schema.js';
import type { AlertRow, ClaimedDelivery } from '../../db/types.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../clock.js';
import { Periodic } from '../periodic.js';
import type { StorageHealth } from '../storage-message.js';
import type { AlertDeliveryEvent } from '../types.js';
import { afterFailedAttempt } from './backoff.js';
import type { Send } from './send.js';

/** With nothing due, look again this often (alerts decided by other instances). */
export const IDLE_POLL_MS = 15_000;
const RETRY_MS = 1_000;
/** Deliveries sent in one pass before the loop yields (it goes on at once). */
const PER_PASS = 20;
/** A claim outlives the longest send by this much; an instance that dies mid-send leaves it to another after that. */
const CLAIM_MARGIN_MS = 60_000;

export interface DelivererDeps {
  store: Store;
  /** The alerts section of the config in force (none: nothing to deliver). */
  alerts: () => AlertsConfig | undefined;
  clock: Clock;
  instanceId: string;
  send: Send;
  storage: StorageHealth;
  onAttempt: (event: AlertDeliveryEvent) => void;
}

/** The JSON a channel gets: the stored payload, led by the alert's id (a receiver may use it to drop a repeat). */
export function bodyOf(alert: AlertRow): string {
  return JSON.stringify({ alertId: alert.id, ...(JSON.parse(alert.payload) as object) });
}

export class Deliverer {
  private readonly loop: Periodic;
  private sleepMs = 0;
  private stopped = false;

  constructor(private readonly deps: DelivererDeps) {
    this.loop = new Periodic(
      deps.clock,
      () => this.sleepMs,
      () => this.pass(),
    );
  }

  start(): void {
    this.stopped = false;
    this.loop.start(0);
  }

  /** Stops the loop; resolves when the delivery being sent is recorded, or after `graceMs` (its claim then runs out and another instance sends it). */
  async stop(graceMs = 0): Promise<void> {
    this.stopped = true;
    this.loop.stop();
    if (!this.current) return;
    let timer: ReturnType<Clock['setTimeout']> | null = null;
    const grace = new Promise<void>((resolve) => (timer = this.deps.clock.setTimeout(resolve, graceMs).unref()));
    await Promise.race([this.current, grace]);
    this.deps.clock.clearTimeout(timer);
  }

  /** An alert was decided here: deliver it now. */
  soon(): void {
    this.loop.soon(0);
  }

  private current: Promise<void> | null = null;

  private pass(): Promise<void> {
    this.current = this.passOnce().finally(() => (this.current = null));
    return this.current;
  }

  private async passOnce(): Promise<void> {
    const { store, clock, instanceId } = this.deps;
    // The channels of the config in force, looked at every pass: a reload may add, change or remove one.
    // Deliveries to a channel no longer in it stay pending for an instance that has it (docs/alerts.md).
    const channels = this.deps.alerts()?.channels ?? [];
    const names = channels.map((c) => c.name);
    if (names.length === 0) {
      this.sleepMs = IDLE_POLL_MS;
      return;
    }
    const claimMs = Math.max(...channels.map((c) => c.timeout)) + CLAIM_MARGIN_MS;
    try {
      for (let i = 0; i < PER_PASS && !this.stopped; i++) {
        const claimed = await store.claimDelivery({ instanceId, channels: names, now: clock.now(), claimMs });
        if (!claimed) break;
        await this.deliver(claimed);
      }
      const next = await store.nextDeliveryAt(names);
      const wait = next === null ? IDLE_POLL_MS : next - clock.now();
      // Due already (more than a pass held, or claimed elsewhere and expiring): look again shortly, not in a busy loop.
      this.sleepMs = Math.min(IDLE_POLL_MS, Math.max(wait, wait <= 0 ? RETRY_MS : 0));
    } catch (err) {
      // Stopping closes the store under a delivery that was still being sent: not a storage failure.
      if (!this.stopped) this.deps.storage.failed(err);
      this.sleepMs = RETRY_MS;
    }
  }

  /** Sends one claimed delivery and records how it went (a delivery is only as final as the store says). */
  async deliver({ delivery, alert }: ClaimedDelivery): Promise<AlertDeliveryEvent> {
    const { store, clock, instanceId, send } = this.deps;
    const alerts = this.deps.alerts();
    const channel = alerts?.channels.find((c) => c.name === delivery.channel);
    const result = channel
      ? await send(channel, bodyOf(alert))
      : { ok: false, status: null, message: `no channel ${delivery.channel} in this config`, durationMs: 0 };
    const at = clock.now();
    const next = result.ok
      ? ({ state: 'delivered', nextAttemptAt: null } as const)
      : alert.event === 'test'
        ? ({ state: 'failed', nextAttemptAt: null } as const)
        : alerts
          ? afterFailedAttempt(alerts, delivery.attempts + 1, alert.createdAt, at)
          : ({ state: 'failed', nextAttemptAt: null } as const);
    await store.finishDelivery({
      deliveryId: delivery.id,
      instanceId,
      attempt: {
        at,
        instanceId,
        ok: result.ok,
        status: result.status,
        message: result.message,
        durationMs: result.durationMs,
      },
      ...next,
    });
    const event: AlertDeliveryEvent = {
      type: 'alert-delivery',
      alertId: alert.id,
      event: alert.event,
      taskId: alert.taskId,
      channel: delivery.channel,
      ok: result.ok,
      status: result.status,
      message: result.message,
      state: next.state,
      nextAttemptAt: next.nextAttemptAt,
    };
    this.deps.onAttempt(event);
    return event;
  }
}
