// A run's progress: every change is shown at once (onChange); the store gets at most one
// write per PROGRESS_WRITE_MS, the last value always included.
import type { Clock, ClockTimer } from '../clock.js';
import type { LiveProgress } from '../views.js';
import type { WriteQueue } from './write-queue.js';

const PROGRESS_WRITE_MS = 500;

export class ProgressWriter {
  current: LiveProgress = { done: 0, total: null };
  /** The last value sent to the store; null while nothing was. */
  saved: LiveProgress | null = null;
  private lastWrite = -Infinity;
  private timer: ClockTimer | null = null;

  constructor(
    private readonly deps: {
      clock: Clock;
      writes: WriteQueue;
      save(done: number, total: number | null): Promise<void>;
      onChange(progress: LiveProgress): void;
    },
  ) {}

  /** `total` undefined keeps the total known so far. */
  set(done: number, total?: number | null): void {
    if (!Number.isFinite(done)) return;
    this.current = { done, total: total === undefined ? this.current.total : total };
    this.deps.onChange(this.current);
    if (this.timer) return;
    const wait = PROGRESS_WRITE_MS - (this.deps.clock.now() - this.lastWrite);
    if (wait <= 0) this.write();
    else this.timer = this.deps.clock.setTimeout(() => this.write(), wait);
  }

  /** Writes the last value if there was any progress, and stops the throttle timer. */
  finish(): void {
    this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.current.done > 0 || this.current.total !== null) this.write();
  }

  private write(): void {
    this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.lastWrite = this.deps.clock.now();
    const { done, total } = this.current;
    this.saved = this.current;
    this.deps.writes.push(() => this.deps.save(done, total));
  }
}
