// V8 settings for the dashboard, a program that stays open all day beside twenty others on
// one server (issue 14; BENCHMARKS.md, "Where it goes"). Measured as RSS, not heap: the live
// heap after paging a 1M-run history is about 30 MB, but V8's default sizing for a fast
// short program keeps growing spaces committed, about 200 MB of RSS; with these about 110 MB.
import { setFlagsFromString } from 'node:v8';

/**
 * `--optimize-for-size`: V8's heuristics prefer memory over speed (smaller heap growth,
 * earlier and compacting collections). Set at run time it applies fully to isolates made
 * afterwards (the engine's worker thread), and to this one's collections from now on.
 */
export function preferSmallHeap(): void {
  setFlagsFromString('--optimize-for-size');
}

/**
 * V8 optimises a function with TurboFan once it has run about 66 KB of bytecode. A dashboard
 * runs a large body of code a little at a time (a frame, an event), so its functions cross
 * that line one after another all day and V8 keeps compiling on its helper threads: about a
 * third of the dashboard's CPU in its first minute. At 64 times the budget only code that is
 * really hot (a handler's loop, paging a long history) is optimised (BENCHMARKS.md, "Where
 * it goes", session 8). Process-wide: the engine's worker thread gets it too.
 */
export const INTERRUPT_BUDGET = 64 * 67_584;

export function optimizeOnlyHotCode(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

const HOLD_AGAIN_MS = 60_000;

/**
 * This thread's young generation keeps the size it has (2 MB at start) instead of doubling
 * up to 16 MB while the history is paged: 16 MB less at the peak, for more (each short)
 * scavenges. V8 puts the factor back to 2 whenever a thread starts an isolate (the
 * engine's worker, a purge worker), so it is set again once a minute. Call it after the
 * engine's worker has started. Returns a function that stops holding.
 */
export function holdYoungGeneration(): () => void {
  const hold = () => setFlagsFromString('--semi-space-growth-factor=1');
  hold();
  const timer = setInterval(hold, HOLD_AGAIN_MS).unref();
  return () => clearInterval(timer);
}

/** The engine's worker thread: a small young generation (its garbage is query rows and events). */
export const ENGINE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 2 } as const;
