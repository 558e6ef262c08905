// Time as the engine sees it. Every part of the engine takes a Clock instead of calling
// Date.now() and setTimeout, so tests drive it with a fake one (tests/helpers/fake-clock.ts)
// instead of waiting on real time (docs/ARCHITECTURE.md, The engine: its parts and loops).

export interface ClockTimer {
  /** Lets the process exit while this timer is pending (Node's unref). */
  unref(): ClockTimer;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer | null | undefined): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => {
    if (timer) clearTimeout(timer as NodeJS.Timeout);
  },
};

/** Resolves after `ms` on this clock. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
