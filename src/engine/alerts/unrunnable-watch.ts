// Watches for tasks that no live instance may run (docs/alerts.md, "Events"): an enabled,
// unpaused task whose role no live, scheduling instance holds. The first instance that
// notices opens the episode in the store; after unrunnableAfter the episode's `unrunnable`
// alert is raised (once: the store keys it by the episode), and `runnable` when an
// instance of the role appears. Pausing or disabling the task ends the episode silently.
import type { LoadedConfig } from '../../config/load.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../clock.js';
import { Periodic } from '../periodic.js';
import type { StorageHealth } from '../storage-message.js';
import { isLive, runnableOnOf } from '../views.js';
import { runnable, unrunnable, type Decider } from './decisions.js';

/** A check every quarter of unrunnableAfter, between 1 s and 15 s. */
export function checkPeriod(unrunnableAfterMs: number): number {
  return Math.min(15_000, Math.max(1_000, Math.floor(unrunnableAfterMs / 4)));
}

export interface UnrunnableWatchDeps {
  store: Store;
  /** The config in force: its alerts section decides what is watched and how often. */
  config: { readonly current: LoadedConfig };
  clock: Clock;
  decider: Decider;
  storage: StorageHealth;
  /** An alert was recorded by this instance: deliver it. */
  onRaised(): void;
}

export class UnrunnableWatch {
  private readonly loop: Periodic;
  private stopped = false;

  constructor(private readonly deps: UnrunnableWatchDeps) {
    // Without alerts in the config, look again at the longest period: a reload may add them.
    this.loop = new Periodic(
      deps.clock,
      () => checkPeriod(deps.config.current.alerts?.unrunnableAfter ?? Number.MAX_SAFE_INTEGER),
      () => this.check(),
    );
  }

  start(): void {
    this.stopped = false;
    this.loop.start();
  }

  stop(): void {
    this.stopped = true;
    this.loop.stop();
  }

  /** One look at every task. */
  async check(): Promise<void> {
    const { store, clock, decider } = this.deps;
    const config = this.deps.config.current;
    const alerts = config.alerts;
    if (!alerts) return;
    try {
      const now = clock.now();
      const [rows, instances, episodes] = await Promise.all([
        store.listTasks(),
        store.listInstances({ running: true }),
        store.listUnrunnable(),
      ]);
      const live = instances.filter((i) => isLive(i, now, config.engine.leaseTtl));
      const open = new Map(episodes.map((e) => [e.taskId, e]));
      for (const row of rows) {
        const episode = open.get(row.id);
        open.delete(row.id);
        const watched =
          row.enabled && row.inConfig && !row.paused && config.tasks.some((t) => t.id === row.id && t.alerts);
        const runnableOn = runnableOnOf(row, live);
        if (watched && runnableOn.length === 0) {
          const since = episode?.since ?? (await store.openUnrunnable(row.id, now));
          if (episode?.alerted || now - since < alerts.unrunnableAfter) continue;
          const proposal = unrunnable(decider, row, since, now);
          if (proposal && (await store.raiseUnrunnable(row.id, proposal))) this.deps.onRaised();
        } else if (episode) {
          const proposal = watched ? runnable(decider, row, episode.since, runnableOn, now) : null;
          if (await store.closeUnrunnable(row.id, proposal)) this.deps.onRaised();
        }
      }
      // Episodes of tasks the store no longer has end without a word.
      for (const gone of open.values()) await store.closeUnrunnable(gone.taskId, null);
    } catch (err) {
      if (!this.stopped) this.deps.storage.failed(err);
    }
  }
}
