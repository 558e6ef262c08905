// Reconnecting to a server that is down: exponential backoff with jitter, so that a
// hundred instances that lost the server together do not knock on it together, and
// calls made in between fail at once instead of each trying again.

export const FIRST_RETRY_MS = 250;
export const MAX_RETRY_MS = 15_000;

export class Backoff {
  private failures = 0;
  private notBefore = 0;
  private lastError: Error | null = null;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** The error of the last failed attempt while it is too early to try again; null when an attempt may be made. */
  refusal(): Error | null {
    return this.failures > 0 && this.clock() < this.notBefore ? this.lastError : null;
  }

  /** Milliseconds until the next attempt may be made (0: now). */
  wait(): number {
    return Math.max(0, this.notBefore - this.clock());
  }

  failed(err: unknown): void {
    this.failures++;
    this.lastError = err instanceof Error ? err : new Error(String(err));
    const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1));
    // Jitter: anywhere from half to the whole delay.
    this.notBefore = this.clock() + base * (0.5 + this.random() / 2);
  }

  succeeded(): void {
    this.failures = 0;
    this.notBefore = 0;
    this.lastError = null;
  }
}
