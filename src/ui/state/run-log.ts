// The progress log of the shown run: what runDetails() returned plus lines that arrived
// as events (before or after that fetch), each line once.
import type { LogLine } from '../../engine/types.js';

/** Live lines kept per run at most, so a chatty run cannot grow memory without bound. */
export const LIVE_LOG_LIMIT = 2000;

const lineKey = (l: LogLine) => `${l.at}\u0000${l.level}\u0000${l.message}`;

/** Live lines that the fetched log does not already hold. */
export function unseenLines(fetched: readonly LogLine[], live: readonly LogLine[]): LogLine[] {
  const seen = new Set(fetched.map(lineKey));
  return live.filter((l) => !seen.has(lineKey(l)));
}

export function appendLive(live: readonly LogLine[], line: LogLine): LogLine[] {
  const next = [...live, line];
  return next.length > LIVE_LOG_LIMIT ? next.slice(next.length - LIVE_LOG_LIMIT) : next;
}
