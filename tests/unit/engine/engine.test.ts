import { beforeEach, describe, expect, it } from 'vitest';
import { TaskError } from '../../../src/engine/handlers/types.js';
import { EngineError } from '../../../src/engine/types.js';
import {
  controlled,
  hangsForever,
  startTestEngine as startEngine,
  testConfig,
  TEST_CONFIG,
  untilAborted,
  type TestEngine,
} from '../../helpers/engine-fixture.js';
import { hostKey } from '../../../src/engine/host-key.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-engine-');
let clock = new FakeClock();
beforeEach(() => {
  clock = new FakeClock();
});

/** Every engine of a test on the same fake clock. */
const startTestEngine = (opts: Parameters<typeof startEngine>[0]) => startEngine({ ...opts, clock });

describe('Engine.runNow', () => {
  it('records a manual run from start to finish with progress, log and diagnostics flag', async () => {
    const t = await startTestEngine({
      dir: dir(),
      handlers: {
        calls: async (ctx) => {
          ctx.progress(1, 2);
          ctx.log('page 1');
          ctx.progress(2, 2);
          return { message: '2 calls' };
        },
      },
    });
    try {
      const started = await t.engine.runNow('calls');
      expect(started).toMatchObject({
        taskId: 'calls',
        trigger: 'manual',
        startedBy: 'anna',
        outcome: 'running',
        hasDiagnostics: true,
      });
      const run = await t.engine.waitForRun(started.id);
      expect(run).toMatchObject({
        outcome: 'success',
        message: '2 calls',
        errorClass: null,
        progressDone: 2,
        progressTotal: 2,
      });
      const details = await t.engine.runDetails(run.id);
      expect(details.log.map((l) => l.message)).toEqual(['page 1']);
      expect(details.detailsKeptUntil).toBe(run.finishedAt! + 7 * 86_400_000);
      const [task] = (await t.engine.snapshot()).filter((x) => x.id === 'calls');
      expect(task).toMatchObject({ status: 'unavailable', failures: 0, lastRun: { id: run.id, outcome: 'success' } });
    } finally {
      await t.close();
    }
  });

  it('turns warnings into a warning outcome and a thrown TaskError into its class', async () => {
    const t = await startTestEngine({
      dir: dir(),
      handlers: {
        calls: async (ctx) => ctx.warn('3 of 10 calls rejected'),
        leads: async () => {
          throw new TaskError('auth', '401 Unauthorized');
        },
      },
    });
    try {
      const a = await t.engine.waitForRun((await t.engine.runNow('calls')).id);
      expect(a).toMatchObject({ outcome: 'warning', message: '3 of 10 calls rejected' });
      const b = await t.engine.waitForRun((await t.engine.runNow('leads')).id);
      expect(b).toMatchObject({ outcome: 'error', errorClass: 'auth', message: '401 Unauthorized' });
      expect(b.detailsKeptUntil).toBe(b.finishedAt! + 2 * 86_400_000);
    } finally {
      await t.close();
    }
  });

  it('doubles the interval on failures up to maxInterval and resets it after a success', async () => {
    let fail = true;
    const t = await startTestEngine({
      dir: dir(),
      handlers: {
        calls: async () => {
          if (fail) throw new TaskError('recognized', 'web server error 502 Bad Gateway');
        },
      },
    });
    try {
      const effective: (number | null)[] = [];
      for (let i = 0; i < 4; i++) {
        await t.engine.waitForRun((await t.engine.runNow('calls')).id);
        const task = (await t.engine.snapshot()).find((x) => x.id === 'calls')!;
        effective.push(task.effectiveIntervalMs);
        expect(task.failures).toBe(i + 1);
      }
      expect(effective).toEqual([2000, 4000, 5000, 5000]);
      const failing = (await t.engine.snapshot()).find((x) => x.id === 'calls')!;
      const firstRun = (await t.engine.history({ taskId: 'calls', limit: 10, oldest: true })).at(-1)!;
      expect(failing.failingSince).toBe(firstRun.startedAt);
      fail = false;
      const ok = await t.engine.waitForRun((await t.engine.runNow('calls')).id);
      const task = (await t.engine.snapshot()).find((x) => x.id === 'calls')!;
      expect(task).toMatchObject({ effectiveIntervalMs: 1000, failures: 0, failingSince: null });
      expect((await t.store.getTask('calls'))!.nextRunAt).toBe(ok.finishedAt! + 1000);
      // No live instance has the role reception (this one does not schedule): nobody will run it.
      expect(task).toMatchObject({ nextRunAt: null, runnableOn: [], idle: 'no-instance' });
    } finally {
      await t.close();
    }
  });

  it('refuses a second start while the task runs elsewhere, naming the instance', async () => {
    const a = await startTestEngine({ dir: dir(), handlers: { calls: untilAborted } });
    const b = await startTestEngine({ dir: dir(), handlers: {} });
    try {
      const run = await a.engine.runNow('calls');
      const err = await b.engine.runNow('calls').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect(err).toMatchObject({ code: 'already-running', detail: { instance: a.engine.instance.id, runId: run.id } });
      const seenFromB = (await b.engine.snapshot()).find((x) => x.id === 'calls')!;
      expect(seenFromB).toMatchObject({ status: 'running', repeat: true, runningOn: a.engine.instance.id });
      await a.engine.stop('calls');
      await a.engine.waitForRun(run.id);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('Engine.stop', () => {
  it('ends a run in another engine within 2 seconds, recorded cancelled with who stopped it', async () => {
    const a = await startTestEngine({ dir: dir(), handlers: { calls: untilAborted } });
    const b = await startTestEngine({ dir: dir(), osUser: 'anna', handlers: {} });
    try {
      const run = await a.engine.runNow('calls');
      let end: unknown = null;
      void a.nextFinished((r) => r.id === run.id).then((r) => (end = r));
      expect(await b.engine.stop('calls')).toEqual({ runningOn: a.engine.instance.id });
      const asked = clock.now();
      await clock.advanceUntil(() => end !== null);
      expect(end).toMatchObject({ outcome: 'cancelled', stoppedBy: 'anna', message: 'stopped by anna' });
      expect(clock.now() - asked).toBeLessThanOrEqual(2_000);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('Engine timeouts', () => {
  it('ends a run that exceeds its timeout as error/network "timed out"', async () => {
    const t = await startTestEngine({ dir: dir(), handlers: { calls: untilAborted } });
    try {
      const started = await t.engine.runNow('calls');
      const finished = t.nextFinished((r) => r.id === started.id);
      await clock.advance(1_999);
      expect(t.events.some((e) => e.type === 'run-finished')).toBe(false);
      await clock.advance(1);
      const run = await finished;
      expect(run).toMatchObject({
        outcome: 'error',
        errorClass: 'network',
        message: 'timed out after 2s',
        durationMs: 2_000,
      });
    } finally {
      await t.close();
    }
  });

  it('abandons a handler that ignores its AbortSignal, still recording the run and releasing the lease', async () => {
    const t = await startTestEngine({ dir: dir(), handlers: { calls: hangsForever } });
    try {
      const started = await t.engine.runNow('calls');
      const finished = t.nextFinished((r) => r.id === started.id);
      await clock.advance(2_000); // the timeout aborts it; the handler ignores that
      await clock.advance(1_999); // stop grace (1s) plus a second
      expect(t.events.some((e) => e.type === 'run-finished')).toBe(false);
      await clock.advance(1);
      const run = await finished;
      expect(run).toMatchObject({ outcome: 'error', errorClass: 'network', durationMs: 4_000 });
      const details = await t.engine.runDetails(run.id);
      expect(details.log.some((l) => l.message.includes('abandoned'))).toBe(true);
      const row = await t.store.getTask('calls');
      expect(row).toMatchObject({ leaseOwner: null, leaseRunId: null });
    } finally {
      await t.close();
    }
  });
});

describe('Engine scheduling', () => {
  it("runs only the tasks of the user's roles automatically, and never a paused one", async () => {
    const calls = controlled();
    const t = await startTestEngine({
      dir: dir(),
      user: 'olga',
      schedule: true,
      handlers: { calls: calls.handler, leads: untilAborted },
    });
    try {
      const first = t.nextFinished((r) => r.taskId === 'calls');
      await clock.advance(0);
      await calls.started;
      calls.finish();
      const run = await first;
      expect(run).toMatchObject({ trigger: 'schedule', startedBy: 'scheduler', outcome: 'success' });
      const snapshot = await t.engine.snapshot();
      expect(snapshot.map((x) => x.id)).toEqual(['calls']); // olga cannot see marketing's task
      expect(t.events.some((e) => e.type === 'run-started' && e.run.taskId === 'leads')).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('keeps a task paused across restarts', async () => {
    const t = await startTestEngine({ dir: dir(), handlers: {} });
    await t.engine.pause('leads');
    await t.close();
    const again = await startTestEngine({ dir: dir(), handlers: {} });
    try {
      const task = (await again.engine.snapshot()).find((x) => x.id === 'leads')!;
      expect(task).toMatchObject({ status: 'paused', paused: true, nextRunAt: null });
      await again.engine.resume('leads');
      expect((await again.engine.snapshot()).find((x) => x.id === 'leads')!.paused).toBe(false);
    } finally {
      await again.close();
    }
  });
});

describe('Engine permissions', () => {
  it('refuses run, stop, pause and run details of a task the user cannot see', async () => {
    const admin = await startTestEngine({ dir: dir(), handlers: {} });
    const run = await admin.engine.waitForRun((await admin.engine.runNow('leads')).id);
    await admin.close();
    const olga = await startTestEngine({ dir: dir(), user: 'olga', handlers: {} });
    try {
      for (const attempt of [
        () => olga.engine.runNow('leads'),
        () => olga.engine.stop('leads'),
        () => olga.engine.pause('leads'),
        () => olga.engine.resume('leads'),
        () => olga.engine.runDetails(run.id),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'not-found' });
      }
      expect(await olga.engine.history({ limit: 10 })).toEqual([]);
    } finally {
      await olga.close();
    }
  });

  it('does not let --user switch users without integration-settings', async () => {
    await expect(startTestEngine({ dir: dir(), osUser: 'olga', user: 'anna', handlers: {} })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('Engine recovery', () => {
  /** A run of an instance with pid 999999 on this host's name, in the pid namespace `key`. */
  async function runOfGoneInstance(t: TestEngine, key: string | null) {
    const now = clock.now();
    const dead = {
      id: 'gone:999999:dead',
      user: 'anna',
      host: t.engine.instance.host,
      pid: 999_999,
      kind: 'ui',
      startedAt: now,
      heartbeatAt: now,
      stoppedAt: null,
      hostKey: key,
    };
    await t.store.registerInstance(dead);
    return t.store.startRun({
      taskId: 'calls',
      instanceId: dead.id,
      now,
      leaseTtlMs: 60_000,
      trigger: 'schedule',
      startedBy: 'scheduler',
      hasDiagnostics: false,
      onlyIfDue: false,
      interruptedDetailsExpireAt: now + 1000,
    });
  }

  it('interrupts a run whose instance died on this host and frees its lease at once', async () => {
    const a = await startTestEngine({ dir: dir(), handlers: {} });
    expect((await runOfGoneInstance(a, hostKey())).started).toBe(true);
    await a.close();
    const b = await startTestEngine({ dir: dir(), handlers: {} });
    try {
      const [run] = await b.engine.history({ taskId: 'calls', limit: 1 });
      expect(run).toMatchObject({ outcome: 'interrupted' });
      const task = (await b.engine.snapshot()).find((x) => x.id === 'calls')!;
      // An interruption is not a failure: the backoff stays, the task is due again at once.
      expect(task).toMatchObject({
        status: 'unavailable',
        runningOn: null,
        failures: 0,
        interruptions: 1,
        effectiveIntervalMs: 1000,
        failing: true,
      });
      const row = (await b.store.getTask('calls'))!;
      expect(row).toMatchObject({ leaseOwner: null, lastOutcome: 'interrupted', nextRunAt: clock.now() });
    } finally {
      await b.close();
    }
  });

  it.each([
    ['another computer of the same name', 'other-pid-namespace'],
    ['a row written before the key', null],
  ])('leaves the run of %s to its lease: its pid means nothing here', async (_, key) => {
    const a = await startTestEngine({ dir: dir(), handlers: {} });
    expect((await runOfGoneInstance(a, key)).started).toBe(true);
    await a.close();
    const b = await startTestEngine({ dir: dir(), handlers: {} });
    try {
      const [run] = await b.engine.history({ taskId: 'calls', limit: 1 });
      expect(run).toMatchObject({ outcome: 'running' });
      expect((await b.store.getTask('calls'))!.leaseOwner).toBe('gone:999999:dead');
    } finally {
      await b.close();
    }
  });

  it('marks stopped an instance silent for hours on any computer, and lists only the others', async () => {
    const a = await startTestEngine({ dir: dir(), handlers: {} });
    const long = clock.now() - 3 * 3_600_000;
    const silent = { id: 'far:1:old', user: 'olga', host: 'far', pid: 1, kind: 'engine', hostKey: 'elsewhere' };
    await a.store.registerInstance({ ...silent, startedAt: long, heartbeatAt: long, stoppedAt: null });
    await a.close();
    const b = await startTestEngine({ dir: dir(), handlers: {} });
    try {
      const row = (await b.store.listInstances()).find((i) => i.id === silent.id);
      expect(row?.stoppedAt).toBe(clock.now());
      expect((await b.engine.instances()).map((i) => i.host)).not.toContain('far');
    } finally {
      await b.close();
    }
  });

  it('records its own runs cancelled and releases leases on shutdown', async () => {
    const t = await startTestEngine({ dir: dir(), handlers: { calls: untilAborted } });
    const run = await t.engine.runNow('calls');
    await t.close();
    const again = await startTestEngine({ dir: dir(), handlers: {} });
    try {
      const [last] = await again.engine.history({ taskId: 'calls', limit: 1 });
      expect(last).toMatchObject({ id: run.id, outcome: 'cancelled' });
      expect((await again.store.getTask('calls'))!.leaseOwner).toBeNull();
    } finally {
      await again.close();
    }
  });
});

describe('testConfig', () => {
  it('parses the shared engine test config', () => {
    expect(testConfig(TEST_CONFIG).engine.leaseTtl).toBe(4000);
  });
});
