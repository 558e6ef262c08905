// The engine's loops do nothing when nothing changes: the scheduler sleeps until a task is
// due, the lease keeper only heartbeats while no run executes here.
import { describe, expect, it } from 'vitest';
import { MAX_SLEEP_MS } from '../../../src/engine/scheduler.js';
import { startCountingEngine } from '../../helpers/counting-engine.js';
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

describe('scheduler.Scheduler', () => {
  it('runs a due task at once, then sleeps until it is due again (a scan at most every MAX_SLEEP_MS)', async () => {
    const t = await startCountingEngine({
      dir: dir(),
      user: 'olga',
      schedule: true,
      config: testConfig(HOURLY),
      handlers: {},
    });
    const { clock, calls } = t;
    try {
      await clock.advanceUntil(() => t.events.some((e) => e.type === 'run-finished'));
      calls.reset();
      await clock.advance(30 * 60_000);
      expect(calls.count('startRun')).toBe(0);
      expect(calls.count('listTasks')).toBeLessThanOrEqual((30 * 60_000) / MAX_SLEEP_MS + 1);
      expect(calls.count('renewLeases')).toBe(0);
      expect(calls.count('heartbeatInstance')).toBe((30 * 60_000) / 5_000);
      await clock.advance(30 * 60_000 + 1_000);
      expect(calls.count('startRun')).toBe(1);
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
    const t = await startCountingEngine({
      dir: dir(),
      user: 'olga',
      config: testConfig(HOURLY),
      handlers: { calls: untilAborted },
    });
    const { clock, calls } = t;
    try {
      await clock.advance(10_000);
      expect(calls.count('renewLeases')).toBe(0);
      const run = await t.engine.runNow('calls');
      calls.reset();
      await clock.advance(10_000);
      expect(calls.count('renewLeases')).toBeGreaterThanOrEqual(9);
      expect(calls.count('renewLeases')).toBeLessThanOrEqual(11);
      await t.engine.stop('calls');
      await t.engine.waitForRun(run.id);
      await clock.advance(1_000);
      calls.reset();
      await clock.advance(10_000);
      expect(calls.count('renewLeases')).toBe(0);
    } finally {
      await t.close();
    }
  });
});
