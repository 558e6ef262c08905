// Wall-clock helpers for the benchmarks (never used by `npm test`).
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export const now = () => performance.now();

/** Runs `fn` and returns how long it took in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await fn();
  return { ms: now() - start, value };
}

/** Polls `check` every `everyMs` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitUntil<T>(
  check: () => T | undefined,
  timeoutMs: number,
  what: string,
  everyMs = 5,
): Promise<T> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Progress lines go to stderr so that `--json` leaves stdout to the one JSON object. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
