// Alerts in the engine on a fake clock (docs/alerts.md): failing once per episode and
// recovered on the next success, however many runs and engines; delivery retried with
// backoff and given up after a day, each attempt recorded; unrunnable and runnable.
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/db/index.js';
import type { Send, SendResult } from '../../../src/engine/alerts/send.js';
import { Deliverer } from '../../../src/engine/alerts/deliverer.js';
import { TaskError } from '../../../src/engine/handlers/types.js';
import { StorageHealth } from '../../../src/engine/storage-message.js';
import type { AlertDeliveryEvent } from '../../../src/engine/types.js';
import { startTestEngine, testConfig, type TestEngine } from '../../helpers/engine-fixture.js';
import { FakeClock, FAKE_EPOCH } from '../../helpers/fake-clock.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { join } from 'node:path';

const dir = useTempDir('syncdeck-alerts-engine-');
const MIN = 60_000;
const HOUR = 60 * MIN;

const CONFIG = `
engine: { leaseTtl: 4s, heartbeat: 1s, stopGrace: 1s, maxConcurrentRuns: 4 }
users:
  - { name: anna, roles: [admin], permissions: [integration-settings] }
  - { name: olga, roles: [reception] }
services: [{ id: booking, name: Online booking, baseUrl: "http://127.0.0.1:9" }]
alerts:
  failingAfter: 3
  unrunnableAfter: 1m
  channels:
    - { kind: webhook, url: "https://hooks.example/syncdeck" }
tasks:
  - { id: upload, name: Upload schedule, type: schedule, service: booking, role: reception, interval: 1m, maxInterval: 1m, handler: { kind: http, path: /s } }
  - { id: prices, name: Price list, type: prices, service: booking, role: reception, interval: 1m, maxInterval: 1m, alerts: false, handler: { kind: http, path: /p } }
`;

interface Sent {
  channel: string;
  body: Record<string, unknown>;
  at: number;
}

/** A channel the test controls: records every alert, answers what `answer` says. */
function fakeChannel(clock: FakeClock, answer: (n: number) => boolean = () => true) {
  const sent: Sent[] = [];
  const send: Send = async (channel, body) => {
    sent.push({ channel: channel.name, body: JSON.parse(body) as Record<string, unknown>, at: clock.now() });
    const ok = answer(sent.length);
    return {
      ok,
      status: ok ? 200 : 500,
      message: ok ? 'HTTP 200' : 'HTTP 500: down',
      durationMs: 1,
    } satisfies SendResult;
  };
  return { sent, send, events: (e: string) => sent.filter((s) => s.body.event === e) };
}

/** A task whose handler fails while `failing.now` is true. */
function flaky() {
  const failing = { now: true };
  const handler = async () => {
    if (failing.now) throw new TaskError('auth', 'not authorized (401)');
  };
  return { failing, handler };
}

const finishedOf = (t: TestEngine, outcome: string) =>
  t.events.filter((e) => e.type === 'run-finished' && e.run.taskId === 'upload' && e.run.outcome === outcome).length;

describe('alerts in the engine', () => {
  it('failing once when the third run in a row fails, never again that episode; recovered once on the next success', async () => {
    const clock = new FakeClock();
    const channel = fakeChannel(clock);
    const task = flaky();
    const t = await startTestEngine({
      dir: dir(),
      user: 'olga',
      schedule: true,
      clock,
      config: testConfig(CONFIG),
      handlers: { upload: task.handler, prices: task.handler },
      sendAlert: channel.send,
    });
    try {
      await clock.advanceUntil(() => channel.sent.length === 1, { stepMs: 1_000, maxMs: 10 * MIN });
      expect(finishedOf(t, 'error')).toBe(3);
      const [failing] = channel.sent;
      expect(failing!.body).toMatchObject({
        event: 'failing',
        taskId: 'upload',
        taskName: 'Upload schedule',
        service: 'booking',
        serviceName: 'Online booking',
        failures: 3,
        failingSince: new Date(FAKE_EPOCH).toISOString(),
        instance: expect.stringMatching(/^olga@/) as unknown,
        run: { outcome: 'error', errorClass: 'auth', message: 'not authorized (401)' },
      });
      expect(failing!.body.text).toMatch(
        /^Upload schedule \(Online booking\) failing since \d\d:\d\d, 3 runs: not authorized \(401\) — syncdeck show \d+$/,
      );
      await clock.advanceUntil(() => finishedOf(t, 'error') === 6, { stepMs: 1_000, maxMs: 10 * MIN });
      expect(channel.sent).toHaveLength(1);
      task.failing.now = false;
      await clock.advanceUntil(() => channel.events('recovered').length === 1, { stepMs: 1_000, maxMs: 10 * MIN });
      expect(channel.events('recovered')[0]!.body).toMatchObject({
        taskId: 'upload',
        failures: 6,
        run: { outcome: 'success' },
      });
      await clock.advanceUntil(() => finishedOf(t, 'success') === 4, { stepMs: 1_000, maxMs: 10 * MIN });
      // The opted-out task failed all along and said nothing.
      expect(channel.sent.map((s) => [s.body.event, s.body.taskId])).toEqual([
        ['failing', 'upload'],
        ['recovered', 'upload'],
      ]);
      const listed = await t.engine.alerts(10);
      expect(listed.map((a) => [a.event, a.deliveries.map((d) => [d.channel, d.state, d.attempts])])).toEqual([
        ['recovered', [['webhook', 'delivered', 1]]],
        ['failing', [['webhook', 'delivered', 1]]],
      ]);
    } finally {
      await t.close();
    }
  });

  it('two engines of the role: one failing, one recovered, each delivered once', async () => {
    const clock = new FakeClock();
    const channel = fakeChannel(clock);
    const task = flaky();
    const common = {
      dir: dir(),
      user: 'olga',
      schedule: true,
      clock,
      config: testConfig(CONFIG),
      handlers: { upload: task.handler },
      sendAlert: channel.send,
    };
    const a = await startTestEngine({ ...common, host: 'ws-1' });
    const b = await startTestEngine({ ...common, host: 'ws-2' });
    try {
      await clock.advanceUntil(() => finishedOf(a, 'error') + finishedOf(b, 'error') >= 5, {
        stepMs: 1_000,
        maxMs: 10 * MIN,
      });
      task.failing.now = false;
      await clock.advanceUntil(() => finishedOf(a, 'success') + finishedOf(b, 'success') >= 3, {
        stepMs: 1_000,
        maxMs: 10 * MIN,
      });
      await clock.advance(30_000);
      expect(channel.sent.map((s) => s.body.event)).toEqual(['failing', 'recovered']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a failed delivery is retried after 1 min, 2, 4, from the stored attempts; the header sees the channel failing until it recovers', async () => {
    const clock = new FakeClock();
    const channel = fakeChannel(clock, (n) => n > 3);
    const task = flaky();
    const t = await startTestEngine({
      dir: dir(),
      user: 'olga',
      schedule: true,
      clock,
      config: testConfig(CONFIG),
      handlers: { upload: task.handler },
      sendAlert: channel.send,
    });
    try {
      await clock.advanceUntil(() => channel.sent.length === 1, { stepMs: 1_000, maxMs: 10 * MIN });
      const first = channel.sent[0]!.at;
      expect(await t.engine.alertTrouble()).toEqual([
        { channel: 'webhook', failingSince: first, undelivered: 1, lastError: 'HTTP 500: down' },
      ]);
      await clock.advanceUntil(() => channel.sent.length === 4, { stepMs: 1_000, maxMs: 20 * MIN });
      expect(channel.sent.map((s) => s.at - first)).toEqual([0, MIN, 3 * MIN, 7 * MIN]);
      expect(channel.sent.every((s) => s.body.alertId === channel.sent[0]!.body.alertId)).toBe(true);
      expect(await t.engine.alertTrouble()).toEqual([]);
      const [failing] = (await t.engine.alerts(10)).filter((a) => a.event === 'failing');
      expect(failing!.deliveries[0]!.attemptLog.map((x) => [x.at - first, x.ok, x.status])).toEqual([
        [0, false, 500],
        [MIN, false, 500],
        [3 * MIN, false, 500],
        [7 * MIN, true, 200],
      ]);
      const logged = t.events
        .filter((e): e is AlertDeliveryEvent => e.type === 'alert-delivery')
        .map((e) => [e.ok, e.state]);
      expect(logged).toEqual([
        [false, 'pending'],
        [false, 'pending'],
        [false, 'pending'],
        [true, 'delivered'],
      ]);
    } finally {
      await t.close();
    }
  });

  it('unrunnable after unrunnableAfter with no live instance of the role, once however many engines watch; runnable when one starts', async () => {
    const clock = new FakeClock();
    const channel = fakeChannel(clock);
    const watchers = await Promise.all(
      ['srv-1', 'srv-2', 'srv-3'].map((host) =>
        startTestEngine({
          dir: dir(),
          user: 'anna',
          host,
          schedule: true,
          clock,
          config: testConfig(CONFIG),
          handlers: {},
          sendAlert: channel.send,
        }),
      ),
    );
    let olga: TestEngine | null = null;
    try {
      await clock.advanceUntil(() => channel.sent.length > 0, { stepMs: 1_000, maxMs: 5 * MIN });
      const unrunnable = channel.events('unrunnable');
      expect(unrunnable).toHaveLength(1);
      expect(unrunnable[0]!.body).toMatchObject({ taskId: 'upload', role: 'reception' });
      // Since the first look of the first watcher (a look every 15 s with unrunnableAfter 1m).
      const since = Date.parse(unrunnable[0]!.body.unrunnableSince as string) - FAKE_EPOCH;
      expect(since).toBeGreaterThan(0);
      expect(since).toBeLessThanOrEqual(15_000);
      expect(unrunnable[0]!.at - FAKE_EPOCH - since).toBeGreaterThanOrEqual(MIN);
      expect(unrunnable[0]!.body.text).toMatch(
        /^Upload schedule \(Online booking\) cannot run: no running instance has the role reception \(since \d\d:\d\d\)$/,
      );
      await clock.advance(5 * MIN);
      expect(channel.sent).toHaveLength(1);
      olga = await startTestEngine({
        dir: dir(),
        user: 'olga',
        host: 'ws-3',
        schedule: true,
        clock,
        config: testConfig(CONFIG),
        handlers: {},
        sendAlert: channel.send,
      });
      await clock.advanceUntil(() => channel.events('runnable').length > 0, { stepMs: 1_000, maxMs: MIN });
      await clock.advance(MIN);
      expect(channel.sent.map((s) => s.body.event)).toEqual(['unrunnable', 'runnable']);
      expect(channel.events('runnable')[0]!.body).toMatchObject({ taskId: 'upload', runnableOn: ['olga@ws-3'] });
    } finally {
      await olga?.close();
      for (const w of watchers) await w.close();
    }
  });

  it('a paused task is not unrunnable; an episode ends silently when it is paused', async () => {
    const clock = new FakeClock();
    const channel = fakeChannel(clock);
    const t = await startTestEngine({
      dir: dir(),
      user: 'anna',
      schedule: true,
      clock,
      config: testConfig(CONFIG),
      handlers: {},
      sendAlert: channel.send,
    });
    try {
      await t.engine.pause('upload');
      await clock.advance(3 * MIN);
      expect(channel.sent).toEqual([]);
      await t.engine.resume('upload');
      await clock.advanceUntil(() => channel.sent.length > 0, { stepMs: 1_000, maxMs: 3 * MIN });
      await t.engine.pause('upload');
      await clock.advance(3 * MIN);
      expect(channel.sent.map((s) => s.body.event)).toEqual(['unrunnable']);
      expect(await t.store.listUnrunnable()).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('recovery that counts a third interruption in a row as a failure raises failing (failingAfter 1)', async () => {
    const clock = new FakeClock();
    const channel = fakeChannel(clock);
    const location = join(dir(), 'orphans.db');
    const store = openStore(location);
    const config = testConfig(CONFIG.replace('failingAfter: 3', 'failingAfter: 1'));
    try {
      const { definitionsOf } = await import('../../../src/engine/definitions.js');
      const defs = definitionsOf(config);
      await store.syncDefinitions(defs.services, defs.tasks, clock.now());
      await store.setSchedule('upload', {
        effectiveIntervalMs: MIN,
        failures: 0,
        failingSince: null,
        interruptions: 2,
        nextRunAt: clock.now() + HOUR,
      });
      await store.startRun({
        taskId: 'upload',
        instanceId: 'gone',
        now: clock.now() - 10_000,
        leaseTtlMs: 4_000,
        trigger: 'schedule',
        startedBy: 'scheduler',
        hasDiagnostics: false,
        onlyIfDue: false,
        interruptedDetailsExpireAt: clock.now() + HOUR,
      });
    } finally {
      await store.close();
    }
    const t = await startTestEngine({
      dir: dir(),
      location,
      user: 'anna',
      schedule: true,
      clock,
      config,
      handlers: {},
      sendAlert: channel.send,
    });
    try {
      await clock.advanceUntil(() => channel.events('failing').length > 0, { stepMs: 1_000, maxMs: MIN });
      expect(channel.events('failing')[0]!.body).toMatchObject({
        taskId: 'upload',
        failures: 1,
        run: { outcome: 'interrupted' },
      });
      expect(channel.events('failing')[0]!.body.text).toMatch(/3 times in a row/);
    } finally {
      await t.close();
    }
  });
});

describe('Deliverer', () => {
  it('gives a delivery up a day after the alert, after 29 attempts; it stays in the header as undelivered', async () => {
    const clock = new FakeClock();
    const channel = fakeChannel(clock, () => false);
    const store: Store = openStore(join(dir(), 'deliverer.db'));
    const config = testConfig(CONFIG);
    const events: AlertDeliveryEvent[] = [];
    const deliverer = new Deliverer({
      store,
      alerts: () => config.alerts,
      clock,
      instanceId: 'i1',
      send: channel.send,
      storage: new StorageHealth('test', () => undefined),
      onAttempt: (e) => events.push(e),
    });
    try {
      await store.raiseAlert('k', {
        event: 'failing',
        taskId: 'upload',
        runId: 1,
        payload: '{"event":"failing"}',
        channels: ['webhook'],
        createdBy: 'i1',
        now: clock.now(),
      });
      deliverer.start();
      await clock.advanceUntil(() => events.some((e) => e.state === 'failed'), { stepMs: 10 * MIN, maxMs: 26 * HOUR });
      expect(channel.sent).toHaveLength(29);
      expect(channel.sent[28]!.at - FAKE_EPOCH).toBe(23 * HOUR + 3 * MIN);
      await clock.advance(2 * HOUR);
      expect(channel.sent).toHaveLength(29);
      const [alert] = await store.listAlerts(1);
      expect(alert!.deliveries[0]).toMatchObject({ state: 'failed', attempts: 29, nextAttemptAt: null });
      expect(await store.channelTrouble()).toEqual([
        { channel: 'webhook', failingSince: FAKE_EPOCH, undelivered: 1, lastError: 'HTTP 500: down' },
      ]);
    } finally {
      await deliverer.stop();
      await store.close();
    }
  });
});
