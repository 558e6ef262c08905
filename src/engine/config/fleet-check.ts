// When to read the fleet row again (ConfigKeeper.fleetMayHaveChanged): every commit of a
// task row elsewhere may be a new fleet version, and they come in bursts — forty engines
// starting together run their first sixty runs at once, and each engine read the row on
// every one of them. The first change after a quiet FLEET_CHECK_MS is looked at at once,
// the rest of a burst together once that time has passed.
import type { Clock, ClockTimer } from '../clock.js';

/** The fleet row is read at most once per this long. */
export const FLEET_CHECK_MS = 1_000;

export class FleetCheck {
  private last = Number.NEGATIVE_INFINITY;
  private timer: ClockTimer | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly check: () => void,
  ) {}

  /** Something changed that may be a new fleet version. */
  changed(): void {
    if (this.timer !== null) return;
    const wait = this.last + FLEET_CHECK_MS - this.clock.now();
    if (wait <= 0) this.run();
    else
      this.timer = this.clock
        .setTimeout(() => {
          this.timer = null;
          this.run();
        }, wait)
        .unref();
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.last = this.clock.now();
    this.check();
  }
}
