// Notices commits by other processes (a stop request, a run started or finished
// elsewhere, a pause) through the store's cheap change marker, and tells the engine.
import type { Store } from '../db/store.js';
import type { Clock } from './clock.js';
import { Periodic } from './periodic.js';
import type { StorageHealth } from './storage-message.js';

const POLL_MS = 1_000;

export class ChangeWatcher {
  private readonly loop: Periodic;
  private lastMarker: number | null = null;

  constructor(
    private readonly deps: { store: Store; clock: Clock; storage: StorageHealth; onChange(): void },
  ) {
    this.loop = new Periodic(deps.clock, POLL_MS, () => this.poll());
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  private async poll(): Promise<void> {
    try {
      const marker = await this.deps.store.changeMarker();
      const changed = this.lastMarker !== null && marker !== this.lastMarker;
      this.lastMarker = marker;
      if (changed) this.deps.onChange();
    } catch (err) {
      this.deps.storage.failed(err);
    }
  }
}
