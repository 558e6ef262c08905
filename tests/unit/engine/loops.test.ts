// The engine's loops do nothing when nothing changes: the scheduler sleeps until a task is
// due, the lease keeper only heartbeats while no run executes here.
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/index.js';
import { MAX_SLEEP_MS } from '../../../src/engine/scheduler.js';
import { startTestEngine, testConfig, untilAborted } from '../../helpers/engine-fixture.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-loops-');

const HOURLY = `
engine: { leaseTtl: 30s, heartbeat: 5s, stopGrace: 1s, maxConcurrentRuns: 4 }
users: [{ name: olga, roles: [reception] }]
services: [{ id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }]
tasks:
  - { id: calls, name: Receive calls, type: calls, service: telephony, role: reception, interval: 1h, timeout: 10m, handler: { kind: http, path: /calls } }
`;

function counting(store: Store) {
  const calls = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { wrapped, count: (name: string) => calls.get(name) ?? 0, reset: () => calls.clear() };
}

describe('scheduler.Scheduler', () => {
  it('runs a due task at once, then sleeps until it is due again (a scan at most every MAX_SLEEP_MS)', async () => {
    const clock = new FakeClock();
    let c!: ReturnType<typeof counting>;
    const t = await startTestEngine({
      dir: dir(),
      user: 'olga',
      schedule: true,
      clock,
      config: testConfig(HOURLY),
      handlers: {},
      wrapStore: (s) => (c = counting(s)).wrapped,
    });
    try {
      await clock.advanceUntil(() => t.events.some((e) => e.type === 'run-finished'));
      c.reset();
      await clock.advance(30 * 60_000);
      expect(c.count('startRun')).toBe(0);
      expect(c.count('listTasks')).toBeLessThanOrEqual((30 * 60_000) / MAX_SLEEP_MS + 1);
      expect(c.count('renewLeases')).toBe(0);
      expect(c.count('heartbeatInstance')).toBe((30 * 60_000) / 5_000);
      await clock.advance(30 * 60_000 + 1_000);
      expect(c.count('startRun')).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('wakes when another instance makes a task due (resume)', async () => {
    const clock = new FakeClock();
    const a = await startTestEngine({
      dir: dir(),
      user: 'olga',
      schedule: true,
      clock,
      config: testConfig(HOURLY),
      handlers: {},
    });
    const b = await startTestEngine({
      dir: dir(),
      clock,
      config: testConfig(
        HOURLY.replace('users: [', 'users: [{ name: anna, roles: [admin], permissions: [integration-settings] }, '),
      ),
      handlers: {},
    });
    try {
      await b.engine.pause('calls');
      await clock.advance(60_000);
      expect(a.events.some((e) => e.type === 'run-started')).toBe(false);
      await b.engine.resume('calls');
      const resumedAt = clock.now();
      await clock.advanceUntil(() => a.events.some((e) => e.type === 'run-started'), { stepMs: 50 });
      expect(clock.now() - resumedAt).toBeLessThanOrEqual(1_500);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('lease-keeper.LeaseKeeper', () => {
  it('renews leases every second only while a run executes here', async () => {
    const clock = new FakeClock();
    let c!: ReturnType<typeof counting>;
    const t = await startTestEngine({
      dir: dir(),
      user: 'olga',
      clock,
      config: testConfig(HOURLY),
      handlers: { calls: untilAborted },
      wrapStore: (s) => (c = counting(s)).wrapped,
    });
    try {
      await clock.advance(10_000);
      expect(c.count('renewLeases')).toBe(0);
      const run = await t.engine.runNow('calls');
      c.reset();
      await clock.advance(10_000);
      expect(c.count('renewLeases')).toBeGreaterThanOrEqual(9);
      expect(c.count('renewLeases')).toBeLessThanOrEqual(11);
      await t.engine.stop('calls');
      await t.engine.waitForRun(run.id);
      await clock.advance(1_000);
      c.reset();
      await clock.advance(10_000);
      expect(c.count('renewLeases')).toBe(0);
    } finally {
      await t.close();
    }
  });
});
