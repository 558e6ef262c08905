// This instance's row in `instances`: written when it registers, and again when a config
// reload gives its user other roles, since other instances read the row to know who may
// run what (docs/alerts.md, "What is alerted, and when"; docs/ARCHITECTURE.md, Config).
import type { Store } from '../db/store.js';
import type { Clock } from './clock.js';
import { registeredRow, type InstanceRecord } from './instances.js';
import type { Identity } from './types.js';
import { VERSION } from './version.js';

export interface InstanceRowDeps {
  store: Store;
  clock: Clock;
  /** The engine's identity (a reload updates it in place). */
  identity: Identity;
  instance: InstanceRecord;
  schedules: boolean;
}

export class InstanceRow {
  private startedAt: number | null = null;
  private stopped = false;

  constructor(private readonly deps: InstanceRowDeps) {}

  async register(): Promise<void> {
    this.startedAt = this.deps.clock.now();
    await this.write(this.startedAt);
  }

  /** The user's roles changed: the row says the new ones (not before registration, never after the stop). */
  async rolesChanged(): Promise<void> {
    if (this.startedAt === null || this.stopped) return;
    await this.write(this.startedAt);
  }

  /** The instance is stopping: its row is not written again (it would look running). */
  stop(): void {
    this.stopped = true;
  }

  private async write(startedAt: number): Promise<void> {
    const { store, clock, identity, instance } = this.deps;
    const now = clock.now();
    await store.registerInstance({
      ...registeredRow(instance, identity, this.deps.schedules, startedAt, now),
      version: VERSION,
      clockSkewMs: store.kind === 'postgres' ? Math.round(await store.clockSkewMs()) : null,
    });
  }
}
