// The server's clock, as seen from this computer. Every time the PostgreSQL store writes
// is the database server's clock, so instances on computers whose clocks disagree still
// agree on when a lease expires; the callers keep passing and reading their own clock
// (Date.now()), and the store converts at its boundary with the offset measured here.

/** A measured offset this close to the applied one is noise (network delay, NTP jitter): keep the applied one. */
export const OFFSET_HYSTERESIS_MS = 100;
/** How often the offset is measured again while the store is in use. */
export const OFFSET_REFRESH_MS = 10_000;
/** A reading that took longer than this says little about the offset. */
const MAX_READING_RTT_MS = 1_000;

export class ServerClock {
  private applied = 0;
  private last: { skew: number; at: number } | null = null;

  constructor(readonly local: () => number = Date.now) {}

  /** Server time minus local time, as applied to every time the store reads or writes. */
  get offset(): number {
    return this.applied;
  }

  /** The last reading's skew when it was taken less than `maxAgeMs` ago (else null). */
  recentSkew(maxAgeMs: number): number | null {
    return this.last !== null && this.local() - this.last.at < maxAgeMs ? this.last.skew : null;
  }

  needsReading(): boolean {
    return this.last === null || this.local() - this.last.at >= OFFSET_REFRESH_MS;
  }

  /** One reading of the server's clock taken between local times t0 and t1; returns the measured skew. */
  reading(t0: number, server: number, t1: number): number {
    const skew = Math.round(server - (t0 + t1) / 2);
    if (t1 - t0 > MAX_READING_RTT_MS && this.last !== null) return this.last.skew;
    this.last = { skew, at: t1 };
    if (Math.abs(skew - this.applied) > OFFSET_HYSTERESIS_MS) this.applied = skew;
    return skew;
  }

  toServer(t: number): number {
    return t + this.applied;
  }

  toLocal(t: number): number {
    return t - this.applied;
  }
}
