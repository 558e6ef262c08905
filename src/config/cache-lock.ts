// One parse per changed config, not one per instance: when many instances start at the
// same moment with a config the cache has not seen (forty engines after a deploy), the
// first takes a lock file beside the entry and parses; the others wait for its entry
// instead of each loading the YAML parser and the schema (docs/config.md, "The config
// cache"; docs/ARCHITECTURE.md, Config).
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A lock older than this was left by a process that died while parsing: it is ignored. */
export const LOCK_STALE_MS = 10_000;
/** How often a waiter looks whether the parsing instance is done. */
const POLL_MS = 25;

/** Takes the lock file; false when another process holds a live one (or it cannot be made). */
export function takeParseLock(lock: string, now = Date.now()): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      if (!isStale(lock, now)) return false;
      rmSync(lock, { force: true });
    }
  }
  return false;
}

export function releaseParseLock(lock: string): void {
  rmSync(lock, { force: true });
}

function isStale(lock: string, now: number): boolean {
  try {
    return now - statSync(lock).mtimeMs > LOCK_STALE_MS;
  } catch {
    return true; // gone already
  }
}

/**
 * Waits while another process holds a live lock; resolves when it is gone (that process
 * wrote its entry, or gave up) or stale. Reports whether there was a lock to wait for.
 */
export async function waitForParseLock(lock: string): Promise<boolean> {
  if (!existsSync(lock)) return false;
  while (existsSync(lock) && !isStale(lock, Date.now())) await sleep(POLL_MS);
  return true;
}
