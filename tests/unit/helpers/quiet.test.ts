// The tests' "nothing more happens" wait (tests/helpers/quiet.ts) on a loaded machine.
import { expect, test } from 'vitest';
import { untilQuiet } from '../../helpers/quiet.js';

/** The process not running for `ms` (preempted on a busy machine): nothing else runs meanwhile. */
function takenAway(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('a process preempted for longer than the quiet period still runs what came due meanwhile before it is quiet', async () => {
  let drawn = 0;
  // A frame due 20 ms from now (a debounce, a frame batcher's timer)...
  setTimeout(() => drawn++, 20);
  const quiet = untilQuiet(() => drawn, { quietMs: 40, timeoutMs: 5_000 });
  // ...and the process taken away for 60 ms: the first look and the frame are both due when
  // it runs again, the look first. Forty quiet milliseconds have passed on the wall clock,
  // yet the loop has not turned once since the look before: it is not quiet yet.
  takenAway(60);
  expect(await quiet).toBe(true);
  expect(drawn).toBe(1);
});

test('quiet is reached when nothing changes, and not while something keeps changing', async () => {
  expect(await untilQuiet(() => 0, { quietMs: 20, timeoutMs: 1_000 })).toBe(true);
  let n = 0;
  const busy = setInterval(() => n++, 2);
  try {
    expect(await untilQuiet(() => n, { quietMs: 20, timeoutMs: 200 })).toBe(false);
  } finally {
    clearInterval(busy);
  }
});
