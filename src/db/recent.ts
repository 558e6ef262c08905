// A task's recent outcomes: a small ring of its last finished runs kept on the task row
// (`tasks.recent`), appended in the transaction that ends a run, so the task list reads
// them with the tasks and never queries the runs (docs/ARCHITECTURE.md, Storage).
//
// Stored as JSON text, oldest first: [[runId, "outcome", durationMs], …], at most
// RECENT_MAX entries. Text rather than JSON columns on both stores: the reader keeps the
// decoded ring while the text is unchanged (see decodeRecent).
import type { Outcome } from './types.js';

/** How many finished runs a task keeps in its ring. */
export const RECENT_MAX = 20;

export type FinishedOutcome = Exclude<Outcome, 'running'>;

const FINISHED: readonly string[] = [
  'success',
  'warning',
  'error',
  'cancelled',
  'interrupted',
] satisfies FinishedOutcome[];

export interface RecentEntry {
  runId: number;
  outcome: FinishedOutcome;
  /** null when the run's start was not known (never for runs this version ends). */
  durationMs: number | null;
}

/** The ring's text for a new task. */
export const EMPTY_RECENT = '[]';

/** Entries from the stored text, oldest first; anything unreadable is left out (the ring is a view, never the record). */
export function decodeRecent(text: string | null | undefined): RecentEntry[] {
  if (!text || text === EMPTY_RECENT) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: RecentEntry[] = [];
  const seen = new Set<number>();
  // Indexes, not destructuring: a short command runs this once per task before V8 optimises
  // it, and the interpreter's array destructuring (the iterator protocol) was 20 ms of
  // `status --json` on 500 tasks.
  for (let i = Math.max(0, raw.length - RECENT_MAX); i < raw.length; i++) {
    const item: unknown = raw[i];
    if (!Array.isArray(item)) continue;
    const runId: unknown = item[0];
    const outcome: unknown = item[1];
    const durationMs: unknown = item[2];
    if (typeof runId !== 'number' || typeof outcome !== 'string' || !FINISHED.includes(outcome) || seen.has(runId))
      continue;
    seen.add(runId);
    out.push({
      runId,
      outcome: outcome as FinishedOutcome,
      durationMs: typeof durationMs === 'number' && durationMs >= 0 ? durationMs : null,
    });
  }
  return out;
}

/** The stored text of these entries (the last RECENT_MAX); for tools that write rings directly (the bench's generator). */
export function encodeRecent(entries: readonly RecentEntry[]): string {
  return JSON.stringify(entries.slice(-RECENT_MAX).map((e) => [e.runId, e.outcome, e.durationMs]));
}

/** A ring as this code writes it: compact JSON, [[runId,"outcome",durationMs|null],…]. */
const COMPACT_RING =
  /^\[(?:\[\d+,"[a-z]+",(?:-?\d+(?:\.\d+)?|null)\](?:,\[\d+,"[a-z]+",(?:-?\d+(?:\.\d+)?|null)\])*)?\]$/;

/**
 * The ring's text with a finished run appended (oldest dropped beyond RECENT_MAX), or the
 * text as it is when the run is already in it, so two paths closing one run record it once.
 * Computed from the row read under the write lock rather than with JSON functions in the
 * UPDATE, which were the costliest statement of a run (BENCHMARKS.md, Session 11). A ring in
 * the compact form is edited as text (JSON.parse and stringify were 7 µs a run); anything
 * else is parsed (withRecentParsed), and text that is not a JSON array starts a new ring
 * (the ring is a view, never the record).
 */
export function withRecent(text: string | null, runId: number, outcome: Outcome, durationMs: number | null): string {
  const entry = `[${runId},${JSON.stringify(outcome)},${durationMs === null ? 'null' : String(durationMs)}]`;
  if (!text || text === EMPTY_RECENT) return `[${entry}]`;
  if (!Number.isSafeInteger(runId) || !/^[a-z]+$/.test(outcome) || !COMPACT_RING.test(text))
    return withRecentParsed(text, runId, outcome, durationMs);
  // In the compact form an entry starts with "[" then its run id then ",", and nothing else does.
  if (text.startsWith(`[[${runId},`) || text.includes(`],[${runId},`)) return text;
  let entries = 1;
  for (let at = text.indexOf('],['); at !== -1; at = text.indexOf('],[', at + 3)) entries++;
  let kept = text.slice(1, -1);
  for (let drop = entries + 1 - RECENT_MAX; drop > 0; drop--) kept = kept.slice(kept.indexOf('],[') + 2);
  return `[${kept},${entry}]`;
}

/** withRecent for any text: parsed as JSON, entries it does not understand kept as they are. */
export function withRecentParsed(
  text: string | null,
  runId: number,
  outcome: Outcome,
  durationMs: number | null,
): string {
  let ring: unknown[] = [];
  if (text && text !== EMPTY_RECENT) {
    try {
      const raw: unknown = JSON.parse(text);
      if (Array.isArray(raw)) ring = raw;
    } catch {
      // unreadable: a new ring
    }
  }
  for (let i = 0; i < ring.length; i++) {
    const item = ring[i];
    if (Array.isArray(item) && item[0] === runId) return text!;
  }
  ring.push([runId, outcome, durationMs]);
  return JSON.stringify(ring.length > RECENT_MAX ? ring.slice(ring.length - RECENT_MAX) : ring);
}
