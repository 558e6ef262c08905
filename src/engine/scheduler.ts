// Starts the due tasks this instance runs automatically, up to maxConcurrentRuns, then
// sleeps until the next one is due. A change seen in the store, a run ending here, or a
// task's config changing wakes it early; a long safety sleep covers anything missed
// (docs/ARCHITECTURE.md, The engine: its parts and loops).
import type { Store } from '../db/store.js';
import type { TaskRow } from '../db/types.js';
import type { ActiveRuns } from './active-runs.js';
import type { Clock } from './clock.js';
import type { ConfigHolder } from './config/holder.js';
import { runsAutomatically } from './identity.js';
import type { Launcher } from './launcher.js';
import { Periodic } from './periodic.js';
import { dueTasks, nextDueAt } from './selection.js';
import type { StorageHealth } from './storage-message.js';
import { EngineError, type Identity } from './types.js';

/** The longest sleep: a safety net in case a change went unnoticed. */
export const MAX_SLEEP_MS = 30_000;
/** Instances that share a database wake at slightly different moments, so the first in line does not win every task. */
const WAKE_JITTER_MS = 200;
const RETRY_MS = 1_000;
/** A task this late is started before the others, whatever the order. */
const OVERDUE_MS = 60_000;

export class Scheduler {
  private readonly loop: Periodic;
  private sleepMs = 0;
  private stopped = false;

  constructor(
    private readonly deps: {
      store: Store;
      config: ConfigHolder;
      clock: Clock;
      identity: Identity;
      active: ActiveRuns;
      launcher: Launcher;
      storage: StorageHealth;
      random?: () => number;
    },
  ) {
    this.loop = new Periodic(
      deps.clock,
      () => this.sleepMs,
      () => this.tick(),
    );
  }

  start(): void {
    this.loop.start(0);
  }

  stop(): void {
    this.stopped = true;
    this.loop.stop();
  }

  /** Something may have become due: look again soon. */
  wake(): void {
    this.loop.soon(this.jitter());
  }

  private jitter(): number {
    return Math.floor((this.deps.random ?? Math.random)() * WAKE_JITTER_MS);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const { store, config, clock, identity, active, launcher } = this.deps;
    try {
      const rows = await store.listTasks();
      let capacity = config.current.engine.maxConcurrentRuns - active.size;
      const now = clock.now();
      for (const row of this.spread(dueTasks(rows, identity, active.taskIds(), now), now)) {
        if (capacity <= 0 || this.stopped) break;
        const task = config.current.tasks.find((t) => t.id === row.id);
        // Not in this config, or the fleet's definition is another one, or a reload during this
        // tick took the task's role from this user: not ours to run (docs/ARCHITECTURE.md, Config).
        if (!task || config.differsFromFleet(row) || !runsAutomatically(identity, task)) continue;
        try {
          if (await launcher.launch(row, task, 'schedule')) capacity--;
        } catch (err) {
          if (!(err instanceof EngineError)) throw err; // another instance won the race: fine
        }
      }
      this.sleepMs = this.sleepAfter(rows, capacity);
    } catch (err) {
      this.deps.storage.failed(err);
      this.sleepMs = RETRY_MS;
    }
  }

  /**
   * The due tasks in an order of this instance's own: forty instances started together see
   * the same sixty tasks due, and in one shared order they would all race for the first
   * (and all but one lose it). Tasks overdue by more than a minute keep their place first.
   */
  private spread(due: TaskRow[], now: number): TaskRow[] {
    const random = this.deps.random ?? Math.random;
    const late = due.filter((t) => (t.nextRunAt ?? 0) > 0 && now - (t.nextRunAt ?? 0) > OVERDUE_MS);
    const rest = due.filter((t) => !late.includes(t));
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    return [...late, ...rest];
  }

  /** Until the next task this instance may start is due (a full instance waits for a run to end). */
  private sleepAfter(rows: readonly TaskRow[], capacity: number): number {
    if (capacity <= 0) return MAX_SLEEP_MS;
    const now = this.deps.clock.now();
    const next = nextDueAt(rows, this.deps.identity, this.deps.active.taskIds(), now);
    if (next === null) return MAX_SLEEP_MS;
    // Still due after this tick tried it (another instance won it, or the rows were stale): look again in a second.
    if (next <= now) return RETRY_MS + this.jitter();
    return Math.min(MAX_SLEEP_MS, next - now + this.jitter());
  }
}
