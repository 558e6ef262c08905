// "Nothing more happens" for tests, on a machine that may be loaded (docs/ARCHITECTURE.md,
// Tests). A quiet period measured in wall time alone ends early when the process is not
// running: preempted for longer than the period between two looks, it wakes up with the
// period over and the work already due (a timer, React's commit task, an answer that came
// in) not run yet. So the period is also counted in turns of the event loop: every look
// waits for a timer, and with it every timer and I/O callback that came due meanwhile.

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface QuietOptions {
  /** How long nothing may change (also, divided by `pollMs`, how many looks in a row). */
  quietMs: number;
  /** Gives up after this long; `untilQuiet` then says false. */
  timeoutMs: number;
  /** The time between two looks (default 5 ms). */
  pollMs?: number;
}

/**
 * Resolves true once `changes()` has kept its value for `quietMs` of wall time and for
 * `quietMs / pollMs` looks in a row; false when that never happened within `timeoutMs`.
 */
export async function untilQuiet(
  changes: () => unknown,
  { quietMs, timeoutMs, pollMs = 5 }: QuietOptions,
): Promise<boolean> {
  const looks = Math.max(2, Math.ceil(quietMs / pollMs));
  const deadline = Date.now() + timeoutMs;
  let seen = changes();
  let since = Date.now();
  let quietLooks = 0;
  while (quietLooks < looks || Date.now() - since < quietMs) {
    if (Date.now() > deadline) return false;
    await tick(pollMs);
    const now = changes();
    if (now !== seen) {
      seen = now;
      since = Date.now();
      quietLooks = 0;
    } else quietLooks++;
  }
  return true;
}
