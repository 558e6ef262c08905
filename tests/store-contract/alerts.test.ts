// Alerts at the store level (docs/alerts.md), on every store: one decision per task and
// episode whoever decides (a unique key, written in the run's own transaction), deliveries
// claimed by one instance at a time, every attempt recorded, and unrunnable episodes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openStore,
  type NewAlert,
  type RunRow,
  type ScheduleState,
  type StartRunResult,
  type Store,
} from '../../src/db/index.js';
import { DAY, MINUTE, T0, finishInput, serviceDef, startInput, taskDef } from '../helpers/db-fixtures.js';
import { STORE_KINDS, useStoreLocation } from '../helpers/stores.js';

function started(r: StartRunResult): { run: RunRow; epoch: number } {
  if (!r.started) throw new Error(`expected the run to start, got ${JSON.stringify(r)}`);
  return r;
}

function alert(event: NewAlert['event'], now: number, overrides: Partial<NewAlert> = {}): NewAlert {
  return {
    event,
    taskId: 'calls',
    runId: null,
    payload: JSON.stringify({ event }),
    channels: ['webhook', 'mail'],
    createdBy: 'i1',
    now,
    ...overrides,
  };
}

const failingAfter = (failures: number, since: number): ScheduleState => ({
  effectiveIntervalMs: 2 * MINUTE,
  failures,
  failingSince: since,
  interruptions: 0,
  nextRunAt: since + 2 * MINUTE,
});
const healthy: ScheduleState = {
  effectiveIntervalMs: MINUTE,
  failures: 0,
  failingSince: null,
  interruptions: 0,
  nextRunAt: T0 + DAY,
};

const attempt = (at: number, ok: boolean, message = ok ? 'HTTP 200' : 'HTTP 500') => ({
  at,
  instanceId: 'i1',
  ok,
  status: ok ? 200 : 500,
  message,
  durationMs: 12,
});

describe.each(STORE_KINDS)('%s store', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-alerts-');
  let store: Store;

  beforeEach(async () => {
    store = openStore(db().location);
    await store.syncDefinitions(
      [serviceDef('tel')],
      [taskDef('calls', 'tel'), taskDef('leads', 'tel', { role: 'marketing' })],
      T0,
    );
  });
  afterEach(async () => {
    await store.close();
  });

  /** One run of `calls` through the store, ending with `outcome` and the schedule and alert given. */
  async function run(
    at: number,
    outcome: 'success' | 'error',
    schedule: ScheduleState,
    a: NewAlert | null,
    instanceId = 'i1',
  ) {
    const { run: r, epoch } = started(await store.startRun(startInput('calls', instanceId, at)));
    expect(
      await store.finishRun(finishInput(r, epoch, at + 10, outcome, { schedule, alert: a && { ...a, runId: r.id } })),
    ).toBe(true);
    return r;
  }

  describe('raiseAlert and listAlerts', () => {
    it('records an alert once per key, with a pending delivery to each channel due at once', async () => {
      const first = await store.raiseAlert('test:x', alert('test', T0, { taskId: null }));
      expect(first).toMatchObject({ key: 'test:x', event: 'test', taskId: null, createdAt: T0, createdBy: 'i1' });
      expect(await store.raiseAlert('test:x', alert('test', T0 + 5, { taskId: null }))).toBeNull();
      const [listed, ...rest] = await store.listAlerts(10);
      expect(rest).toEqual([]);
      expect(listed!.deliveries.map((d) => [d.channel, d.state, d.attempts, d.nextAttemptAt, d.attemptLog])).toEqual([
        ['webhook', 'pending', 0, T0, []],
        ['mail', 'pending', 0, T0, []],
      ]);
    });

    it('lists newest first, up to the limit, only visible tasks (and alerts of no task) when asked', async () => {
      await store.raiseAlert('a', alert('unrunnable', T0, { taskId: 'calls' }));
      await store.raiseAlert('b', alert('unrunnable', T0 + 1, { taskId: 'leads' }));
      await store.raiseAlert('c', alert('test', T0 + 2, { taskId: null }));
      expect((await store.listAlerts(10)).map((a) => a.key)).toEqual(['c', 'b', 'a']);
      expect((await store.listAlerts(2)).map((a) => a.key)).toEqual(['c', 'b']);
      expect((await store.listAlerts(10, ['calls'])).map((a) => a.key)).toEqual(['c', 'a']);
      expect((await store.listAlerts(10, [])).map((a) => a.key)).toEqual(['c']);
    });

    it('forty instances deciding the same key at once make one alert', async () => {
      const others = Array.from({ length: kind === 'postgres' ? 8 : 4 }, () => openStore(db().location));
      try {
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            others[i % others.length]!.raiseAlert(
              'unrunnable:calls:1',
              alert('unrunnable', T0 + i, { createdBy: `i${i}` }),
            ),
          ),
        );
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        const listed = await store.listAlerts(10);
        expect(listed).toHaveLength(1);
        expect(listed[0]!.deliveries).toHaveLength(2);
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    });
  });

  describe('alerts decided with a run (finishRun)', () => {
    it('failing once per episode (keyed by failingSince), recovered on the next success, and a new episode alerts again', async () => {
      const since = T0;
      const r3 = await run(T0 + 3 * MINUTE, 'error', failingAfter(3, since), alert('failing', T0 + 3 * MINUTE));
      await run(T0 + 4 * MINUTE, 'error', failingAfter(4, since), alert('failing', T0 + 4 * MINUTE));
      const ok = await run(T0 + 5 * MINUTE, 'success', healthy, alert('recovered', T0 + 5 * MINUTE));
      // Recovered twice? No: the next success has no episode to close.
      await run(T0 + 6 * MINUTE, 'success', healthy, alert('recovered', T0 + 6 * MINUTE));
      const listed = (await store.listAlerts(10)).reverse();
      expect(listed.map((a) => [a.event, a.key, a.runId])).toEqual([
        // The episode is the task's failingSince as stored (the test's clock is the server's: one computer).
        ['failing', `failing:calls:${since}`, r3.id],
        ['recovered', `recovered:calls:${since}`, ok.id],
      ]);
      await run(T0 + 7 * MINUTE, 'error', failingAfter(3, T0 + 7 * MINUTE), alert('failing', T0 + 7 * MINUTE));
      expect((await store.listAlerts(10)).map((a) => a.event)).toEqual(['failing', 'recovered', 'failing']);
    });

    it('no recovered without a failing alert of that episode (a task that failed below the threshold, or alerts added later)', async () => {
      await run(T0, 'error', failingAfter(1, T0), null);
      await run(T0 + MINUTE, 'success', healthy, alert('recovered', T0 + MINUTE));
      expect(await store.listAlerts(10)).toEqual([]);
    });

    it('a fenced-out run decides nothing', async () => {
      const { run: old, epoch } = started(await store.startRun(startInput('calls', 'i1', T0)));
      started(await store.startRun(startInput('calls', 'i2', T0 + 31_000)));
      expect(
        await store.finishRun(
          finishInput(old, epoch, T0 + 32_000, 'error', {
            schedule: failingAfter(3, T0),
            alert: alert('failing', T0 + 32_000),
          }),
        ),
      ).toBe(false);
      expect(await store.listAlerts(10)).toEqual([]);
    });

    it('an orphan whose interruption counts as a failure raises failing in the recovery transaction, once however many recover', async () => {
      await store.setSchedule('calls', {
        effectiveIntervalMs: MINUTE,
        failures: 2,
        failingSince: T0 - MINUTE,
        interruptions: 2,
        nextRunAt: T0,
      });
      started(await store.startRun(startInput('calls', 'dead', T0)));
      await store.freeLeasesOf(['dead']);
      const scheduleOf = () => failingAfter(3, T0 - MINUTE);
      const alertOf = (_task: unknown, r: RunRow, s: ScheduleState) =>
        s.failures >= 3 ? alert('failing', T0 + 1, { runId: r.id }) : null;
      const others = [openStore(db().location), openStore(db().location)];
      try {
        await Promise.all(
          [store, ...others].map((s) => s.interruptOrphanRuns(T0 + 1, 'gone', T0 + DAY, scheduleOf, alertOf)),
        );
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
      expect((await store.listAlerts(10)).map((a) => a.event)).toEqual(['failing']);
    });
  });

  describe('deliveries', () => {
    it('one claim at a time; another instance may claim it once the claim runs out', async () => {
      await store.raiseAlert('k', alert('test', T0, { channels: ['webhook'] }));
      const claim = (instanceId: string, now: number) =>
        store.claimDelivery({ instanceId, channels: ['webhook'], now, claimMs: MINUTE });
      const first = await claim('i1', T0);
      expect(first).toMatchObject({
        delivery: { channel: 'webhook', claimedBy: 'i1', claimExpiresAt: T0 + MINUTE, attempts: 0 },
        alert: { key: 'k' },
      });
      expect(await claim('i2', T0 + 1)).toBeNull();
      expect(await claim('i2', T0 + MINUTE + 1)).toMatchObject({ delivery: { claimedBy: 'i2' } });
      // The first claimant's result is recorded as an attempt, but the delivery is the second's now.
      expect(
        await store.finishDelivery({
          deliveryId: first!.delivery.id,
          instanceId: 'i1',
          attempt: attempt(T0 + MINUTE + 2, true),
          state: 'delivered',
          nextAttemptAt: null,
        }),
      ).toBe(false);
      const [listed] = await store.listAlerts(1);
      expect(listed!.deliveries[0]).toMatchObject({ state: 'pending', claimedBy: 'i2', attempts: 0 });
      expect(listed!.deliveries[0]!.attemptLog).toHaveLength(1);
    });

    it('only due deliveries to the channels asked for, of one alert when asked; the earliest first', async () => {
      await store.raiseAlert('k1', alert('test', T0 + 5, { channels: ['webhook'] }));
      const second = await store.raiseAlert('k2', alert('test', T0, { channels: ['webhook', 'mail'] }));
      expect(
        await store.claimDelivery({ instanceId: 'i1', channels: ['webhook'], now: T0 - 1, claimMs: MINUTE }),
      ).toBeNull();
      expect(await store.claimDelivery({ instanceId: 'i1', channels: [], now: T0 + 10, claimMs: MINUTE })).toBeNull();
      expect(
        await store.claimDelivery({ instanceId: 'i1', channels: ['sms'], now: T0 + 10, claimMs: MINUTE }),
      ).toBeNull();
      expect(
        (await store.claimDelivery({ instanceId: 'i1', channels: ['mail'], now: T0 + 10, claimMs: MINUTE }))?.alert.key,
      ).toBe('k2');
      expect(
        (await store.claimDelivery({ instanceId: 'i1', channels: ['webhook'], now: T0 + 10, claimMs: MINUTE }))?.alert
          .key,
      ).toBe('k2');
      expect(
        await store.claimDelivery({
          instanceId: 'i1',
          channels: ['webhook'],
          now: T0 + 10,
          claimMs: MINUTE,
          alertId: second!.id,
        }),
      ).toBeNull();
      expect(
        (await store.claimDelivery({ instanceId: 'i1', channels: ['webhook'], now: T0 + 10, claimMs: MINUTE }))?.alert
          .key,
      ).toBe('k1');
    });

    it('a failed attempt schedules the next, a success delivers; each attempt is recorded; nextDeliveryAt follows', async () => {
      await store.raiseAlert('k', alert('failing', T0, { channels: ['webhook'] }));
      expect(await store.nextDeliveryAt(['webhook'])).toBe(T0);
      expect(await store.nextDeliveryAt(['mail'])).toBeNull();
      const c1 = await store.claimDelivery({ instanceId: 'i1', channels: ['webhook'], now: T0, claimMs: MINUTE });
      expect(await store.nextDeliveryAt(['webhook'])).toBe(T0 + MINUTE);
      expect(
        await store.finishDelivery({
          deliveryId: c1!.delivery.id,
          instanceId: 'i1',
          attempt: attempt(T0 + 1, false),
          state: 'pending',
          nextAttemptAt: T0 + MINUTE,
        }),
      ).toBe(true);
      expect(await store.nextDeliveryAt(['webhook'])).toBe(T0 + MINUTE);
      expect(
        await store.claimDelivery({ instanceId: 'i2', channels: ['webhook'], now: T0 + MINUTE - 1, claimMs: MINUTE }),
      ).toBeNull();
      const c2 = await store.claimDelivery({
        instanceId: 'i2',
        channels: ['webhook'],
        now: T0 + MINUTE,
        claimMs: MINUTE,
      });
      expect(c2?.delivery).toMatchObject({ attempts: 1, lastError: 'HTTP 500' });
      expect(
        await store.finishDelivery({
          deliveryId: c2!.delivery.id,
          instanceId: 'i2',
          attempt: { ...attempt(T0 + MINUTE + 1, true), instanceId: 'i2' },
          state: 'delivered',
          nextAttemptAt: null,
        }),
      ).toBe(true);
      expect(await store.nextDeliveryAt(['webhook'])).toBeNull();
      const [listed] = await store.listAlerts(1);
      expect(listed!.deliveries[0]).toMatchObject({
        state: 'delivered',
        attempts: 2,
        deliveredAt: T0 + MINUTE + 1,
        lastError: null,
        nextAttemptAt: null,
        claimedBy: null,
      });
      expect(listed!.deliveries[0]!.attemptLog.map((a) => [a.at, a.ok, a.status, a.instanceId, a.channel])).toEqual([
        [T0 + 1, false, 500, 'i1', 'webhook'],
        [T0 + MINUTE + 1, true, 200, 'i2', 'webhook'],
      ]);
    });

    it('channelTrouble: a channel whose latest attempt failed, since its first failure after the last success', async () => {
      const send = async (
        key: string,
        at: number,
        ok: boolean,
        state: 'pending' | 'delivered' | 'failed' = ok ? 'delivered' : 'pending',
      ) => {
        await store.raiseAlert(key, alert('test', at, { channels: ['webhook'] }));
        const c = await store.claimDelivery({ instanceId: 'i1', channels: ['webhook'], now: at, claimMs: MINUTE });
        await store.finishDelivery({
          deliveryId: c!.delivery.id,
          instanceId: 'i1',
          attempt: attempt(at, ok, ok ? 'HTTP 200' : `HTTP 500 at ${at}`),
          state,
          nextAttemptAt: state === 'pending' ? at + DAY : null,
        });
      };
      expect(await store.channelTrouble()).toEqual([]);
      await send('a', T0, false, 'failed');
      await send('b', T0 + 1, true);
      expect(await store.channelTrouble()).toEqual([]);
      await send('c', T0 + 2, false);
      await send('d', T0 + 3, false);
      expect(await store.channelTrouble()).toEqual([
        { channel: 'webhook', failingSince: T0 + 2, undelivered: 3, lastError: `HTTP 500 at ${T0 + 3}` },
      ]);
      await send('e', T0 + 4, true);
      expect(await store.channelTrouble()).toEqual([]);
    });

    it('deleteAlertsBefore removes old alerts with nothing pending, with their deliveries and attempts', async () => {
      await store.raiseAlert('old-pending', alert('test', T0, { channels: ['webhook'] }));
      await store.raiseAlert('old-done', alert('test', T0 + 1, { channels: ['mail'] }));
      await store.raiseAlert('new', alert('test', T0 + DAY, { channels: ['mail'] }));
      const c = await store.claimDelivery({ instanceId: 'i1', channels: ['mail'], now: T0 + 1, claimMs: MINUTE });
      await store.finishDelivery({
        deliveryId: c!.delivery.id,
        instanceId: 'i1',
        attempt: attempt(T0 + 2, true),
        state: 'delivered',
        nextAttemptAt: null,
      });
      expect(await store.deleteAlertsBefore(T0 + DAY, 100)).toBe(1);
      expect((await store.listAlerts(10)).map((a) => a.key)).toEqual(['new', 'old-pending']);
    });
  });

  describe('unrunnable episodes', () => {
    it('opened once (the first start stays), alerted once, runnable only after unrunnable, closed once', async () => {
      expect(await store.openUnrunnable('calls', T0)).toBe(T0);
      expect(await store.openUnrunnable('calls', T0 + 5)).toBe(T0);
      expect(await store.listUnrunnable()).toEqual([{ taskId: 'calls', since: T0, alerted: false }]);
      expect(await store.raiseUnrunnable('calls', alert('unrunnable', T0 + 10))).toMatchObject({ event: 'unrunnable' });
      expect(await store.raiseUnrunnable('calls', alert('unrunnable', T0 + 11))).toBeNull();
      expect(await store.listUnrunnable()).toEqual([{ taskId: 'calls', since: T0, alerted: true }]);
      expect(await store.closeUnrunnable('calls', alert('runnable', T0 + 20))).toMatchObject({ event: 'runnable' });
      expect(await store.closeUnrunnable('calls', alert('runnable', T0 + 21))).toBeNull();
      expect(await store.listUnrunnable()).toEqual([]);
      expect((await store.listAlerts(10)).map((a) => a.event)).toEqual(['runnable', 'unrunnable']);
    });

    it('no alert when the episode closes before it was alerted, or closes without one (paused); none raised without an episode', async () => {
      expect(await store.raiseUnrunnable('calls', alert('unrunnable', T0))).toBeNull();
      await store.openUnrunnable('calls', T0);
      expect(await store.closeUnrunnable('calls', alert('runnable', T0 + 1))).toBeNull();
      await store.openUnrunnable('calls', T0 + 2);
      await store.raiseUnrunnable('calls', alert('unrunnable', T0 + 3));
      expect(await store.closeUnrunnable('calls', null)).toBeNull();
      expect((await store.listAlerts(10)).map((a) => a.event)).toEqual(['unrunnable']);
    });

    it('many instances opening, raising and closing at once make one unrunnable and one runnable', async () => {
      const others = Array.from({ length: 4 }, () => openStore(db().location));
      try {
        const all = [store, ...others];
        await Promise.all(all.map((s, i) => s.openUnrunnable('calls', T0 + i)));
        const raised = await Promise.all(
          all.map((s, i) => s.raiseUnrunnable('calls', alert('unrunnable', T0 + 10 + i))),
        );
        expect(raised.filter((r) => r !== null)).toHaveLength(1);
        const closed = await Promise.all(all.map((s, i) => s.closeUnrunnable('calls', alert('runnable', T0 + 20 + i))));
        expect(closed.filter((r) => r !== null)).toHaveLength(1);
        expect((await store.listAlerts(10)).map((a) => a.event)).toEqual(['runnable', 'unrunnable']);
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    });
  });
});
