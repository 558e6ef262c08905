// Keeps this instance alive in the store: the heartbeat, and, while runs execute here, the
// renewal of their leases every second. A renewal's answer aborts runs whose lease was
// lost or that someone asked to stop (docs/ARCHITECTURE.md, Leases).
import type { Store } from '../db/store.js';
import type { ActiveRuns } from './active-runs.js';
import type { Clock } from './clock.js';
import type { ConfigHolder } from './config/holder.js';
import { applyRenewal } from './lease-check.js';
import { Periodic } from './periodic.js';
import type { StorageHealth } from './storage-message.js';

/** How often leases are renewed (and stop requests seen) while runs execute here. */
export const LEASE_CHECK_MS = 1_000;

export class LeaseKeeper {
  private readonly loop: Periodic;
  private lastHeartbeat: number;
  private lastRenewal: number;

  constructor(
    private readonly deps: {
      store: Store;
      config: ConfigHolder;
      clock: Clock;
      instanceId: string;
      active: ActiveRuns;
      storage: StorageHealth;
    },
  ) {
    this.lastHeartbeat = deps.clock.now();
    this.lastRenewal = deps.clock.now();
    this.loop = new Periodic(
      deps.clock,
      () => this.nextDelay(),
      () => this.check(),
    );
  }

  /** `heartbeatAt`: when the instance row was last written (at registration). */
  start(heartbeatAt: number): void {
    this.lastHeartbeat = heartbeatAt;
    this.lastRenewal = this.deps.clock.now();
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** A run started, or a change was seen that may be a stop request: check within a moment. */
  soon(): void {
    this.loop.soon(0);
  }

  private nextDelay(): number {
    if (this.deps.active.size > 0) return LEASE_CHECK_MS;
    const untilHeartbeat = this.lastHeartbeat + this.deps.config.current.engine.heartbeat - this.deps.clock.now();
    return Math.max(LEASE_CHECK_MS, untilHeartbeat);
  }

  private async check(): Promise<void> {
    const { store, clock, instanceId, active, storage } = this.deps;
    const config = this.deps.config.current;
    const now = clock.now();
    try {
      if (now - this.lastHeartbeat >= config.engine.heartbeat) {
        await store.heartbeatInstance(instanceId, now);
        this.lastHeartbeat = now;
        storage.wrote();
      }
      if (active.size === 0) return;
      // Only runs started before the renewal was sent can be judged by its answer: with an
      // async store (PostgreSQL) a run may start while the renewal is on its way.
      const judged = active.all();
      const { held } = await store.renewLeases(instanceId, now, config.engine.leaseTtl);
      this.lastRenewal = now;
      applyRenewal(judged, held);
      storage.wrote();
    } catch (err) {
      storage.failed(err);
      // Past the lease TTL without a renewal, another instance may take the task: stop ours.
      if (now - this.lastRenewal > config.engine.leaseTtl) {
        for (const run of active.all()) run.abort({ kind: 'lease-lost' });
      }
    }
  }
}
