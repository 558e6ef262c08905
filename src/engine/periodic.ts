// A job that runs on a clock, one call at a time: a call due while the previous one still
// runs is skipped, and the next is planned only after the current one ends.
import type { Clock, ClockTimer } from './clock.js';

export class Periodic {
  private timer: ClockTimer | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** soon() was asked while the job ran: run again right after it. */
  private again = false;

  /** `next` says how long to wait after a run; a number for a fixed period. */
  constructor(
    private readonly clock: Clock,
    private readonly next: number | (() => number),
    private readonly job: () => Promise<void>,
  ) {}

  start(firstDelayMs = this.delay()): void {
    this.stopped = false;
    this.plan(firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs the job now (or joins the run in progress) and plans the next one after it. */
  runNow(): Promise<void> {
    if (this.running) return this.running;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.running = this.job()
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
        const again = this.again;
        this.again = false;
        if (!this.stopped) this.plan(again ? 0 : this.delay());
      });
    return this.running;
  }

  /** Brings the next run forward to at most `ms` from now (it never moves a run later). */
  soon(ms = 0): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.plan(ms, true);
  }

  private due = Infinity;

  private plan(ms: number, onlyEarlier = false): void {
    const at = this.clock.now() + Math.max(0, ms);
    if (onlyEarlier && this.timer && at >= this.due) return;
    this.clock.clearTimeout(this.timer);
    this.due = at;
    this.timer = this.clock
      .setTimeout(
        () => {
          this.timer = null;
          void this.runNow();
        },
        Math.max(0, ms),
      )
      .unref();
  }

  private delay(): number {
    return typeof this.next === 'number' ? this.next : this.next();
  }
}
