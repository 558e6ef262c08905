// Hears of commits by other instances (a stop request, a run started or finished
// elsewhere, a pause, definitions synced) through the store's change API, and tells the
// engine which tables changed. PostgreSQL pushes them (notifications); on SQLite the
// watcher asks the store to look every second (PRAGMA data_version, then table
// fingerprints: microseconds when nothing changed), and on PostgreSQL every 30 s only as
// a safety net that reopens a lost connection (docs/ARCHITECTURE.md, The engine: its parts
// and loops).
import type { ChangedTable } from '../db/change-feed.js';
import type { Store } from '../db/store.js';
import type { Clock } from './clock.js';
import { Periodic } from './periodic.js';
import type { StorageHealth } from './storage-message.js';

/** The tables another instance changed; null: unknown (notifications may have been missed), read everything again. */
export type Changed = ReadonlySet<ChangedTable> | null;

export class ChangeWatcher {
  private readonly loop: Periodic;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly deps: { store: Store; clock: Clock; storage: StorageHealth; onChange(tables: Changed): void },
  ) {
    this.loop = new Periodic(deps.clock, deps.store.changeCheckMs, () => this.check());
  }

  start(): void {
    this.unsubscribe ??= this.deps.store.onChange((change) => this.deps.onChange(change.tables));
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async check(): Promise<void> {
    try {
      await this.deps.store.checkChanges();
    } catch (err) {
      this.deps.storage.failed(err);
    }
  }
}

/** Whether a change touched any of these tables (an unknown change touches them all). */
export function touches(tables: Changed, ...names: ChangedTable[]): boolean {
  return tables === null || names.some((n) => tables.has(n));
}
