// An engine on a fake clock whose store counts the calls made to it: for tests of how many
// round trips a run costs and of loops that must stay quiet when nothing changes.
import type { Store } from '../../src/db/index.js';
import { startTestEngine, type TestEngine, type TestEngineOptions } from './engine-fixture.js';
import { FakeClock } from './fake-clock.js';

/** How often each Store method was called since the last reset(). */
export interface StoreCalls {
  count(method: string): number;
  reset(): void;
}

/** Wraps a store so that every method call is counted by name. */
export function countCalls(store: Store): { wrapped: Store; calls: StoreCalls } {
  const counts = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts.set(String(prop), (counts.get(String(prop)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { wrapped, calls: { count: (method) => counts.get(method) ?? 0, reset: () => counts.clear() } };
}

export interface CountingEngine extends TestEngine {
  clock: FakeClock;
  calls: StoreCalls;
}

/** startTestEngine() on a new FakeClock, with its store's calls counted. */
export async function startCountingEngine(
  opts: Omit<TestEngineOptions, 'clock' | 'wrapStore'>,
): Promise<CountingEngine> {
  const clock = new FakeClock();
  let calls!: StoreCalls;
  const t = await startTestEngine({
    ...opts,
    clock,
    wrapStore: (store) => {
      const counted = countCalls(store);
      calls = counted.calls;
      return counted.wrapped;
    },
  });
  return { ...t, clock, calls };
}
