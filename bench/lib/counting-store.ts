// Wraps a Store and counts calls per method, so the benchmark can say how many write
// transactions a run really needs instead of guessing.
import type { Store } from '../../src/db/store.js';

/** Store methods that open a write transaction (or one autocommit write). */
export const WRITE_METHODS: ReadonlySet<string> = new Set([
  'syncDefinitions',
  'registerInstance',
  'heartbeatInstance',
  'markInstancesStopped',
  'startRun',
  'renewLeases',
  'appendLog',
  'addExchange',
  'setProgress',
  'finishRun',
  'requestStop',
  'setPaused',
  'setSchedule',
  'freeLeasesOf',
  'interruptOrphanRuns',
  'purgeExpiredDetails',
  'deleteSummariesBefore',
  'setState',
]);

export interface CallCounts {
  calls: Map<string, number>;
  reset(): void;
  snapshot(): Record<string, number>;
}

export function countingStore(store: Store): { store: Store; counts: CallCounts } {
  const calls = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(prop, (calls.get(prop) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store: wrapped,
    counts: {
      calls,
      reset: () => calls.clear(),
      snapshot: () => Object.fromEntries([...calls].sort((a, b) => b[1] - a[1])),
    },
  };
}
