// With an async store (PostgreSQL answers over the network) a run can start while a lease
// renewal is on its way; the renewal's answer, sent before that run existed, must not
// make the engine think the new run lost its lease.
import { describe, expect, it } from 'vitest';
import type { LeaseRenewal, Store } from '../../../src/db/index.js';
import { startTestEngine, testConfig, TEST_CONFIG, untilAborted } from '../../helpers/engine-fixture.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-renewal-');

/** Renewals run at once but answer only when the test says so. */
function slowRenewals(store: Store, clock: FakeClock) {
  let release: () => void = () => undefined;
  let entered: () => void = () => undefined;
  let isIn = false;
  let inFlight = new Promise<void>((r) => (entered = () => ((isIn = true), r())));
  const wrapped = new Proxy(store, {
    get(target, prop) {
      if (prop === 'renewLeases') {
        return async (...args: Parameters<Store['renewLeases']>): Promise<LeaseRenewal> => {
          const answer = await target.renewLeases(...args);
          const gate = new Promise<void>((r) => (release = r));
          entered();
          await gate;
          return answer;
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    wrapped,
    /** Resolves when a renewal has run in the database and waits to answer (moving the clock until one does). */
    nextInFlight: async () => {
      await clock.advanceUntil(() => isIn);
      await inFlight;
    },
    answer() {
      isIn = false;
      inFlight = new Promise<void>((r) => (entered = () => ((isIn = true), r())));
      release();
    },
  };
}

describe('a lease renewal on its way', () => {
  it('does not abort a run that started after the renewal was sent', async () => {
    let slow!: ReturnType<typeof slowRenewals>;
    const clock = new FakeClock();
    const t = await startTestEngine({
      clock,
      dir: dir(),
      config: testConfig(TEST_CONFIG.replace('timeout: 2s', 'timeout: 1m')),
      handlers: { calls: untilAborted, leads: untilAborted },
      wrapStore: (s) => (slow = slowRenewals(s, clock)).wrapped,
    });
    try {
      const first = await t.engine.runNow('calls'); // gives the engine a lease to renew
      await slow.nextInFlight();
      const second = await t.engine.runNow('leads'); // starts while the renewal is out
      slow.answer();
      await slow.nextInFlight(); // the next renewal: the first answer has been judged
      slow.answer();
      await slow.nextInFlight();
      expect(t.events.filter((e) => e.type === 'run-finished')).toEqual([]);

      slow.answer();
      let ended: unknown = null;
      void t.nextFinished((r) => r.id === second.id).then((r) => (ended = r));
      await t.engine.stop('leads');
      await clock.advanceUntil(() => ended !== null);
      expect(ended).toMatchObject({ outcome: 'cancelled' });
      expect(first.outcome).toBe('running');
    } finally {
      slow.answer();
      await t.close();
    }
  });
});
