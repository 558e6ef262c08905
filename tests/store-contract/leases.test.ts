// The lease protocol at the store level (docs/ARCHITECTURE.md, Leases), on every store: one owner at a
// time, takeover of an expired lease with a growing epoch (fencing token), stop requests,
// and recovery.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type RunRow, type StartRunResult, type Store, type TaskRow } from '../../src/db/index.js';
import { DAY, MINUTE, T0, finishInput, serviceDef, startInput, taskDef } from '../helpers/db-fixtures.js';
import { SERVER_WAIT, STORE_KINDS, useStoreLocation } from '../helpers/stores.js';

const TTL = 30_000;

function started(r: StartRunResult): { run: RunRow; epoch: number } {
  if (!r.started) throw new Error(`expected the run to start, got ${JSON.stringify(r)}`);
  return r;
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-leases-');
  let store: Store;

  beforeEach(async () => {
    store = openStore(db().location);
    await store.syncDefinitions(
      [serviceDef('tel')],
      [taskDef('calls', 'tel'), taskDef('leads', 'tel', { type: 'leads' })],
      T0,
    );
  });
  afterEach(async () => {
    await store.close();
  });

  describe('startRun', () => {
    it('takes a free lease: a running run, the lease on the task, epoch 1', async () => {
      const { run, epoch } = started(
        await store.startRun(
          startInput('calls', 'i1', T0, { trigger: 'schedule', startedBy: 'scheduler', hasDiagnostics: true }),
        ),
      );
      expect(epoch).toBe(1);
      expect(run).toEqual({
        id: run.id,
        taskId: 'calls',
        serviceId: 'tel',
        taskType: 'calls',
        trigger: 'schedule',
        startedBy: 'scheduler',
        instanceId: 'i1',
        epoch: 1,
        startedAt: T0,
        finishedAt: null,
        outcome: 'running',
        errorClass: null,
        message: null,
        progressDone: null,
        progressTotal: null,
        stoppedBy: null,
        hasDiagnostics: true,
        detailsExpireAt: null,
        detailsPurgedAt: null,
      });
      expect(await store.getRun(run.id)).toEqual(run);
      expect(await store.getTask('calls')).toMatchObject({
        leaseOwner: 'i1',
        leaseExpiresAt: T0 + TTL,
        leaseEpoch: 1,
        leaseRunId: run.id,
        lastRunId: run.id,
        lastOutcome: 'running',
        lastStartedAt: T0,
      });
    });

    it('a held lease is refused to everyone, naming the owner and its run, until the moment it expires', async () => {
      const { run } = started(await store.startRun(startInput('calls', 'i1', T0)));
      for (const [instance, now] of [
        ['i2', T0 + 1],
        ['i1', T0 + 1],
        ['i2', T0 + TTL],
      ] as const) {
        expect(await store.startRun(startInput('calls', instance, now))).toEqual({
          started: false,
          reason: 'held',
          heldBy: 'i1',
          runId: run.id,
        });
      }
      expect(await store.getTask('calls')).toMatchObject({ leaseOwner: 'i1', leaseEpoch: 1 });
      expect(await store.countHistory({ taskId: 'calls' }, 10)).toBe(1);
      // Another task is free all the same.
      expect((await store.startRun(startInput('leads', 'i2', T0 + 1))).started).toBe(true);
    });

    it('an unknown task', async () => {
      expect(await store.startRun(startInput('nope', 'i1', T0))).toEqual({ started: false, reason: 'unknown-task' });
    });

    it('a scheduled start happens only when due, not paused, enabled and in the config; a manual one regardless', async () => {
      const due = (now: number) =>
        startInput('calls', 'i1', now, { onlyIfDue: true, trigger: 'schedule', startedBy: 'scheduler' });
      await store.setSchedule('calls', {
        effectiveIntervalMs: MINUTE,
        failures: 0,
        failingSince: null,
        nextRunAt: T0 + MINUTE,
      });
      expect(await store.startRun(due(T0 + MINUTE - 1))).toEqual({ started: false, reason: 'not-due' });

      await store.setPaused('calls', true);
      expect(await store.startRun(due(T0 + MINUTE))).toEqual({ started: false, reason: 'not-due' });
      const manual = started(await store.startRun(startInput('calls', 'i1', T0 + MINUTE)));
      await store.finishRun(finishInput(manual.run, manual.epoch, T0 + MINUTE + 1, 'success'));

      await store.setPaused('calls', false);
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel', { enabled: false })], T0);
      expect(await store.startRun(due(T0 + MINUTE + 2))).toEqual({ started: false, reason: 'not-due' });

      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      expect(started(await store.startRun(due(T0 + MINUTE + 3))).epoch).toBe(2);
    });

    it('a task that never ran (no next run time) is due at once', async () => {
      expect((await store.startRun(startInput('calls', 'i1', T0, { onlyIfDue: true }))).started).toBe(true);
    });

    it('an expired lease is taken over: the old run becomes interrupted and the epoch grows', async () => {
      const old = started(await store.startRun(startInput('calls', 'i1', T0)));
      const now = T0 + TTL + 1;
      const fresh = started(
        await store.startRun(startInput('calls', 'i2', now, { interruptedDetailsExpireAt: now + 30 * DAY })),
      );
      expect(fresh.epoch).toBe(2);
      expect(fresh.run).toMatchObject({ instanceId: 'i2', epoch: 2, outcome: 'running' });
      expect(fresh.run.id).toBeGreaterThan(old.run.id);
      expect(await store.getRun(old.run.id)).toMatchObject({
        outcome: 'interrupted',
        errorClass: null,
        finishedAt: now,
        message: 'instance i1 stopped renewing its lease',
        detailsExpireAt: now + 30 * DAY,
      });
      expect(await store.getTask('calls')).toMatchObject({
        leaseOwner: 'i2',
        leaseEpoch: 2,
        leaseRunId: fresh.run.id,
        leaseExpiresAt: now + TTL,
      });
    });

    it('a new lease clears an old stop request', async () => {
      const first = started(await store.startRun(startInput('calls', 'i1', T0)));
      await store.requestStop('calls', 'olga', T0 + 1);
      await store.finishRun(finishInput(first.run, first.epoch, T0 + 2, 'cancelled', { stoppedBy: 'olga' }));
      started(await store.startRun(startInput('calls', 'i1', T0 + 3)));
      expect(await store.getTask('calls')).toMatchObject({ stopRequestedBy: null, stopRequestedAt: null });
      expect(await store.renewLeases('i1', T0 + 4, TTL)).toEqual({
        held: [{ taskId: 'calls', epoch: 2, stopRequestedBy: null }],
      });
    });
    it('each start takes the next epoch from the task row, whoever held it before, and its run row carries it', async () => {
      const epochs: number[] = [];
      // Finished normally, freed by recovery, then left to expire and taken over.
      const a = started(await store.startRun(startInput('calls', 'i1', T0)));
      expect(await store.finishRun(finishInput(a.run, a.epoch, T0 + 1, 'success'))).toBe(true);
      const b = started(await store.startRun(startInput('calls', 'i2', T0 + 2)));
      await store.freeLeasesOf(['i2']);
      const c = started(await store.startRun(startInput('calls', 'i1', T0 + 3)));
      const d = started(await store.startRun(startInput('calls', 'i2', T0 + 4 + TTL)));
      for (const r of [a, b, c, d]) {
        epochs.push(r.epoch);
        expect((await store.getRun(r.run.id))!.epoch).toBe(r.epoch);
      }
      expect(epochs).toEqual([1, 2, 3, 4]);
      expect(await store.getTask('calls')).toMatchObject({ leaseOwner: 'i2', leaseEpoch: 4, leaseRunId: d.run.id });
      // The runs the freed and the expired leases left behind ended interrupted when the next start took over.
      expect((await store.getRun(b.run.id))!.outcome).toBe('interrupted');
      expect((await store.getRun(c.run.id))!.outcome).toBe('interrupted');
      // Only the last epoch ends its run as owner.
      expect(await store.finishRun(finishInput(c.run, c.epoch, T0 + 5 + TTL, 'success'))).toBe(false);
      expect(await store.finishRun(finishInput(d.run, d.epoch, T0 + 6 + TTL, 'success'))).toBe(true);
      expect(await store.getTask('calls')).toMatchObject({ leaseOwner: null, leaseEpoch: 4, lastOutcome: 'success' });
    });
  });

  describe('starts and ends made together (one turn of the event loop; SQLite commits them as one batch)', () => {
    it('each call gets its own answer: of two starts of one task one wins, the other finds it held', async () => {
      const [a, b, c] = await Promise.all([
        store.startRun(startInput('calls', 'i1', T0)),
        store.startRun(startInput('calls', 'i2', T0)),
        store.startRun(startInput('leads', 'i2', T0)),
      ]);
      const first = started(a);
      expect(b).toEqual({ started: false, reason: 'held', heldBy: 'i1', runId: first.run.id });
      const leads = started(c);
      expect(await store.getTask('leads')).toMatchObject({ leaseOwner: 'i2', leaseRunId: leads.run.id, leaseEpoch: 1 });
      const ends = await Promise.all([
        store.finishRun(finishInput(first.run, first.epoch, T0 + 10, 'success')),
        store.finishRun(finishInput(leads.run, leads.epoch + 1, T0 + 10, 'success')),
        store.finishRun(finishInput(leads.run, leads.epoch, T0 + 20, 'warning')),
      ]);
      // The second end carries a stale epoch: fenced out, the run is left to the third.
      expect(ends).toEqual([true, false, true]);
      expect(await store.getRun(first.run.id)).toMatchObject({ outcome: 'success', finishedAt: T0 + 10 });
      expect(await store.getRun(leads.run.id)).toMatchObject({ outcome: 'warning', finishedAt: T0 + 20 });
      expect(await store.getTask('leads')).toMatchObject({ leaseOwner: null, lastOutcome: 'warning' });
    });

    it('a start the look without the lock refuses is answered among those that start', async () => {
      const held = started(await store.startRun(startInput('calls', 'i1', T0)));
      const [a, b, c] = await Promise.all([
        store.startRun(startInput('leads', 'i2', T0 + 1)),
        store.startRun(startInput('calls', 'i2', T0 + 1)),
        store.startRun(startInput('nope', 'i2', T0 + 1)),
      ]);
      expect(started(a).run.taskId).toBe('leads');
      expect(b).toEqual({ started: false, reason: 'held', heldBy: 'i1', runId: held.run.id });
      expect(c).toEqual({ started: false, reason: 'unknown-task' });
    });

    it('an end that fails fails alone: the others made with it are recorded', async () => {
      const a = started(await store.startRun(startInput('calls', 'i1', T0)));
      const b = started(await store.startRun(startInput('leads', 'i1', T0)));
      const missing = { id: b.run.id + 1000, taskId: 'leads', instanceId: 'i1' };
      const results = await Promise.allSettled([
        store.finishRun(finishInput(a.run, a.epoch, T0 + 5, 'success')),
        // Its log names a run that does not exist: the foreign key refuses it.
        store.finishRun(
          finishInput(missing, b.epoch, T0 + 5, 'error', { log: [{ at: T0, level: 'info', message: 'x' }] }),
        ),
        store.finishRun(finishInput(b.run, b.epoch, T0 + 6, 'error')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.getRun(a.run.id)).toMatchObject({ outcome: 'success' });
      expect(await store.getRun(b.run.id)).toMatchObject({ outcome: 'error', finishedAt: T0 + 6 });
      expect(await store.getTask('calls')).toMatchObject({ leaseOwner: null, lastOutcome: 'success' });
    });
  });

  describe('finishRun', () => {
    it('records the end and frees the lease where the epoch matches', async () => {
      const { run, epoch } = started(await store.startRun(startInput('calls', 'i1', T0)));
      const schedule = {
        effectiveIntervalMs: 2 * MINUTE,
        failures: 1,
        failingSince: T0 + 500,
        nextRunAt: T0 + 500 + 2 * MINUTE,
      };
      const ok = await store.finishRun(
        finishInput(run, epoch, T0 + 500, 'error', {
          errorClass: 'auth',
          message: '401 Unauthorized',
          detailsExpireAt: T0 + 2 * DAY,
          schedule,
        }),
      );
      expect(ok).toBe(true);
      expect(await store.getRun(run.id)).toMatchObject({
        outcome: 'error',
        errorClass: 'auth',
        message: '401 Unauthorized',
        finishedAt: T0 + 500,
        detailsExpireAt: T0 + 2 * DAY,
      });
      expect(await store.getTask('calls')).toMatchObject({
        leaseOwner: null,
        leaseExpiresAt: null,
        leaseRunId: null,
        leaseEpoch: 1,
        lastFinishedAt: T0 + 500,
        lastRunId: run.id,
        ...schedule,
      });
    });

    it('without a schedule leaves the schedule state as it was', async () => {
      await store.setSchedule('calls', {
        effectiveIntervalMs: 4 * MINUTE,
        failures: 2,
        failingSince: T0 - 1,
        nextRunAt: T0 + 4 * MINUTE,
      });
      const { run, epoch } = started(await store.startRun(startInput('calls', 'i1', T0)));
      expect(
        await store.finishRun(finishInput(run, epoch, T0 + 1, 'cancelled', { stoppedBy: 'anna', schedule: null })),
      ).toBe(true);
      expect(await store.getRun(run.id)).toMatchObject({ outcome: 'cancelled', stoppedBy: 'anna' });
      expect(await store.getTask('calls')).toMatchObject({
        effectiveIntervalMs: 4 * MINUTE,
        failures: 2,
        failingSince: T0 - 1,
        nextRunAt: T0 + 4 * MINUTE,
        lastFinishedAt: T0 + 1,
      });
    });

    it('with a stale epoch returns false and overwrites neither the run nor the new owner', async () => {
      const old = started(await store.startRun(startInput('calls', 'i1', T0)));
      const takeover = T0 + TTL + 1;
      const fresh = started(await store.startRun(startInput('calls', 'i2', takeover)));
      const before = await store.getTask('calls');

      const ok = await store.finishRun(
        finishInput(old.run, old.epoch, takeover + 10, 'success', {
          schedule: { effectiveIntervalMs: 1, failures: 0, failingSince: null, nextRunAt: 1 },
        }),
      );
      expect(ok).toBe(false);
      expect(await store.getRun(old.run.id)).toMatchObject({
        outcome: 'interrupted',
        finishedAt: takeover,
        message: 'instance i1 stopped renewing its lease',
      });
      expect(await store.getTask('calls')).toEqual(before);
      expect(await store.getRun(fresh.run.id)).toMatchObject({ outcome: 'running' });

      // The new owner still finishes normally.
      expect(await store.finishRun(finishInput(fresh.run, fresh.epoch, takeover + 20, 'success'))).toBe(true);
      expect(await store.getRun(fresh.run.id)).toMatchObject({ outcome: 'success', finishedAt: takeover + 20 });
    });

    it('of a run whose lease was freed meanwhile closes it as interrupted, saying what it would have been', async () => {
      const { run, epoch } = started(await store.startRun(startInput('calls', 'i1', T0)));
      expect(await store.freeLeasesOf(['i1'])).toBe(1);
      const ok = await store.finishRun(
        finishInput(run, epoch, T0 + 5, 'error', { message: 'connection refused', errorClass: 'network' }),
      );
      expect(ok).toBe(false);
      expect(await store.getRun(run.id)).toMatchObject({
        outcome: 'interrupted',
        errorClass: null,
        finishedAt: T0 + 5,
        message: 'lease lost before the run ended (error: connection refused)',
      });
      expect(await store.getTask('calls')).toMatchObject({ leaseOwner: null, lastFinishedAt: null });
    });

    it('by an instance that is not the owner, with the right epoch, is fenced out too', async () => {
      const { run, epoch } = started(await store.startRun(startInput('calls', 'i1', T0)));
      expect(await store.finishRun({ ...finishInput(run, epoch, T0 + 5, 'success'), instanceId: 'intruder' })).toBe(
        false,
      );
      expect(await store.getTask('calls')).toMatchObject({ leaseOwner: 'i1', leaseRunId: run.id });
    });
    it('writes the rest of the log with the end, after what was appended before, owned or fenced out', async () => {
      const { run, epoch } = started(await store.startRun(startInput('calls', 'i1', T0)));
      await store.appendLog(run.id, [{ at: T0 + 1, level: 'info', message: 'page 1' }]);
      const schedule = {
        effectiveIntervalMs: MINUTE,
        failures: 1,
        failingSince: T0 + 5,
        interruptions: 2,
        nextRunAt: T0 + 5 + MINUTE,
      };
      const log = [
        { at: T0 + 3, level: 'warn' as const, message: 'slow' },
        { at: T0 + 4, level: 'error' as const, message: 'down' },
      ];
      expect(await store.finishRun({ ...finishInput(run, epoch, T0 + 5, 'error', { schedule }), log })).toBe(true);
      expect((await store.runLog(run.id)).map((l) => [l.at, l.level, l.message])).toEqual([
        [T0 + 1, 'info', 'page 1'],
        [T0 + 3, 'warn', 'slow'],
        [T0 + 4, 'error', 'down'],
      ]);
      expect(await store.getTask('calls')).toMatchObject({ ...schedule, lastOutcome: 'error', leaseOwner: null });

      const second = started(await store.startRun(startInput('calls', 'i1', T0 + 10)));
      await store.freeLeasesOf(['i1']);
      const fenced = { ...finishInput(second.run, second.epoch, T0 + 20, 'success'), log: [log[0]!] };
      expect(await store.finishRun(fenced)).toBe(false);
      expect((await store.runLog(second.run.id)).map((l) => l.message)).toEqual(['slow']);
      expect(await store.getRun(second.run.id)).toMatchObject({ outcome: 'interrupted' });
    });
  });

  describe('requestStop and renewLeases', () => {
    it('a stop request is seen by the owner on its next renewal', async () => {
      const { run } = started(await store.startRun(startInput('calls', 'i1', T0)));
      started(await store.startRun(startInput('leads', 'i1', T0)));
      expect(await store.renewLeases('i1', T0 + 5_000, TTL)).toEqual({
        held: expect.arrayContaining([
          { taskId: 'calls', epoch: 1, stopRequestedBy: null },
          { taskId: 'leads', epoch: 1, stopRequestedBy: null },
        ]) as unknown,
      });

      expect(await store.requestStop('calls', 'olga', T0 + 6_000)).toEqual({ runningOn: 'i1' });
      const renewal = await store.renewLeases('i1', T0 + 10_000, TTL);
      expect(renewal.held.sort((a, b) => a.taskId.localeCompare(b.taskId))).toEqual([
        { taskId: 'calls', epoch: 1, stopRequestedBy: 'olga' },
        { taskId: 'leads', epoch: 1, stopRequestedBy: null },
      ]);
      expect(await store.getTask('calls')).toMatchObject({
        leaseExpiresAt: T0 + 10_000 + TTL,
        stopRequestedBy: 'olga',
        stopRequestedAt: T0 + 6_000,
        leaseRunId: run.id,
      });
    });

    it('renewing extends only the leases of that instance', async () => {
      started(await store.startRun(startInput('calls', 'i1', T0)));
      expect(await store.renewLeases('i2', T0 + 1_000, TTL)).toEqual({ held: [] });
      expect(await store.getTask('calls')).toMatchObject({ leaseExpiresAt: T0 + TTL });
    });

    it('an instance that lost its lease finds it missing on renewal', async () => {
      started(await store.startRun(startInput('calls', 'i1', T0)));
      started(await store.startRun(startInput('calls', 'i2', T0 + TTL + 1)));
      expect(await store.renewLeases('i1', T0 + TTL + 2, TTL)).toEqual({ held: [] });
    });

    it('stopping a task that does not run (or whose lease expired) reaches no one and leaves no request', async () => {
      expect(await store.requestStop('calls', 'olga', T0)).toEqual({ runningOn: null });
      expect(await store.getTask('calls')).toMatchObject({ stopRequestedBy: null });
      started(await store.startRun(startInput('calls', 'i1', T0)));
      expect(await store.requestStop('calls', 'olga', T0 + TTL + 1)).toEqual({ runningOn: null });
      expect(await store.getTask('calls')).toMatchObject({ stopRequestedBy: null });
      expect(await store.requestStop('nope', 'olga', T0)).toEqual({ runningOn: null });
    });
  });

  describe('recovery', () => {
    it('interruptOrphanRuns marks running runs without a live lease, and only those', async () => {
      await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel'), taskDef('leads', 'tel'), taskDef('sms', 'tel')],
        T0,
      );
      const earlier = started(await store.startRun(startInput('calls', 'i0', T0 - MINUTE)));
      await store.finishRun(finishInput(earlier.run, earlier.epoch, T0 - MINUTE + 5, 'success'));
      const live = started(await store.startRun(startInput('calls', 'alive', T0 + 20_000)));
      const expired = started(await store.startRun(startInput('leads', 'crashed', T0)));
      const freed = started(await store.startRun(startInput('sms', 'dead-pid', T0)));
      expect(await store.freeLeasesOf(['dead-pid', 'nobody'])).toBe(1);

      const now = T0 + TTL + 1; // the lease of "crashed" has expired, that of "alive" has not
      const orphans = await store.interruptOrphanRuns(now, 'syncdeck stopped while this ran', now + 30 * DAY);
      expect(orphans.map((r) => r.id).sort((a, b) => a - b)).toEqual([expired.run.id, freed.run.id]);
      for (const r of orphans) {
        expect(r).toMatchObject({
          outcome: 'interrupted',
          finishedAt: now,
          message: 'syncdeck stopped while this ran',
          detailsExpireAt: now + 30 * DAY,
        });
        expect(await store.getRun(r.id)).toEqual(r);
      }
      expect(await store.getRun(live.run.id)).toMatchObject({ outcome: 'running' });
      expect(await store.getRun(earlier.run.id)).toMatchObject({ outcome: 'success', finishedAt: T0 - MINUTE + 5 });
      expect(await store.getTask('calls')).toMatchObject({ leaseOwner: 'alive' });
      expect(await store.getTask('leads')).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });

      // Nothing left to do the second time.
      expect(await store.interruptOrphanRuns(now + 1, 'again', now)).toEqual([]);
    });

    it('freeLeasesOf frees every lease of the given instances, and counts them', async () => {
      started(await store.startRun(startInput('calls', 'dead', T0)));
      started(await store.startRun(startInput('leads', 'dead', T0)));
      expect(await store.freeLeasesOf([])).toBe(0);
      expect(await store.freeLeasesOf(['dead'])).toBe(2);
      // Free at once, not after the TTL.
      expect((await store.startRun(startInput('calls', 'i2', T0 + 1))).started).toBe(true);
    });
  });

  describe('run details and progress', () => {
    it('keeps the progress log, exchanges and progress of a run', async () => {
      const { run } = started(await store.startRun(startInput('calls', 'i1', T0, { hasDiagnostics: true })));
      await store.appendLog(run.id, [
        { at: T0 + 1, level: 'info', message: 'page 1 of 3' },
        { at: T0 + 2, level: 'warn', message: '2 calls without a number' },
      ]);
      await store.appendLog(run.id, []);
      await store.addExchange(run.id, {
        at: T0 + 3,
        method: 'GET',
        url: 'http://127.0.0.1/calls?page=1',
        requestHeaders: { authorization: '***' },
        requestBody: null,
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: '{"items":[]}',
        error: null,
        durationMs: 12,
      });
      await store.addExchange(run.id, {
        at: T0 + 4,
        method: 'GET',
        url: 'http://127.0.0.1/calls?page=2',
        requestHeaders: {},
        requestBody: null,
        status: null,
        responseHeaders: null,
        responseBody: null,
        error: 'ECONNRESET',
        durationMs: 3,
      });
      await store.setProgress(run.id, 2, 3);

      expect(
        (await store.runLog(run.id)).map(({ at, level, message, runId }) => ({ at, level, message, runId })),
      ).toEqual([
        { at: T0 + 1, level: 'info', message: 'page 1 of 3', runId: run.id },
        { at: T0 + 2, level: 'warn', message: '2 calls without a number', runId: run.id },
      ]);
      const exchanges = await store.runExchanges(run.id);
      expect(exchanges).toHaveLength(2);
      expect(exchanges[0]).toMatchObject({
        requestHeaders: { authorization: '***' },
        responseHeaders: { 'content-type': 'application/json' },
        status: 200,
        responseBody: '{"items":[]}',
      });
      expect(exchanges[1]).toMatchObject({ responseHeaders: null, status: null, error: 'ECONNRESET' });
      expect(await store.getRun(run.id)).toMatchObject({ progressDone: 2, progressTotal: 3 });
    });

    it('setPaused says whether the task exists', async () => {
      expect(await store.setPaused('calls', true)).toBe(true);
      expect(await store.getTask('calls')).toMatchObject({ paused: true });
      expect(await store.setPaused('nope', true)).toBe(false);
    });
  });

  describe('instances and the change marker', () => {
    it('registers, heartbeats and stops instances', async () => {
      const row = {
        id: 'i1',
        user: 'root',
        host: 'desk-1',
        pid: 4242,
        kind: 'ui',
        startedAt: T0,
        heartbeatAt: T0,
        stoppedAt: null,
        actingUser: 'anna',
        roles: ['admin', 'reception'],
        schedules: true,
        version: '1.2.3',
        clockSkewMs: null,
        hostKey: '0123456789abcdef',
      };
      await store.registerInstance(row);
      await store.registerInstance({ ...row, id: 'i2', kind: 'engine' });
      await store.heartbeatInstance('i1', T0 + 5_000);
      await store.markInstancesStopped(['i2'], T0 + 6_000);
      await store.markInstancesStopped([], T0 + 7_000);
      const list = (await store.listInstances()).sort((a, b) => a.id.localeCompare(b.id));
      expect(list).toEqual([
        { ...row, heartbeatAt: T0 + 5_000 },
        { ...row, id: 'i2', kind: 'engine', stoppedAt: T0 + 6_000 },
      ]);
      // Recovery asks only for those not marked stopped.
      expect(await store.listInstances({ running: true })).toEqual([{ ...row, heartbeatAt: T0 + 5_000 }]);
      // A heartbeat of one marked stopped (silent for hours: a suspended process) brings it back.
      await store.heartbeatInstance('i2', T0 + 8_000);
      expect((await store.listInstances({ running: true })).map((i) => i.id).sort()).toEqual(['i1', 'i2']);
      await store.markInstancesStopped(['i2'], T0 + 9_000);
      // Registering again (a restart with the same id) replaces the row.
      await store.registerInstance({ ...row, pid: 99, startedAt: T0 + 10_000, heartbeatAt: T0 + 10_000 });
      expect((await store.listInstances()).find((i) => i.id === 'i1')).toMatchObject({
        pid: 99,
        startedAt: T0 + 10_000,
      });
      // Rows written without the later fields (older instances) read back with their defaults.
      await store.registerInstance({
        id: 'i3',
        user: 'olga',
        host: 'desk-2',
        pid: 7,
        kind: 'engine',
        startedAt: T0,
        heartbeatAt: T0,
        stoppedAt: null,
      });
      expect((await store.listInstances()).find((i) => i.id === 'i3')).toMatchObject({
        actingUser: null,
        roles: [],
        schedules: false,
        version: null,
      });
    });

    it("interruptOrphanRuns gives the orphan's task its schedule in the same transaction, once", async () => {
      const { run } = started(await store.startRun(startInput('calls', 'dead', T0, { leaseTtlMs: 1_000 })));
      const seen: number[] = [];
      const scheduleOf = (task: TaskRow, r: RunRow) => {
        seen.push(r.id);
        return {
          effectiveIntervalMs: task.effectiveIntervalMs,
          failures: task.failures,
          failingSince: task.failingSince,
          interruptions: task.interruptions + 1,
          nextRunAt: T0 + 5_000,
        };
      };
      const [a, b] = await Promise.all([
        store.interruptOrphanRuns(T0 + 5_000, 'gone', T0 + DAY, scheduleOf),
        store.interruptOrphanRuns(T0 + 5_000, 'gone', T0 + DAY, scheduleOf),
      ]);
      expect([...a, ...b].map((r) => r.id)).toEqual([run.id]);
      expect(seen).toEqual([run.id]);
      expect(await store.getTask('calls')).toMatchObject({
        interruptions: 1,
        nextRunAt: T0 + 5_000,
        lastOutcome: 'interrupted',
        lastFinishedAt: T0 + 5_000,
        leaseOwner: null,
      });
    });

    it('the change marker moves soon after another connection commits', async () => {
      const other = openStore(db().location);
      try {
        const before = await store.changeMarker();
        expect(await store.changeMarker()).toBe(before); // nothing committed meanwhile
        await other.setPaused('calls', true);
        await vi.waitFor(async () => expect(await store.changeMarker()).not.toBe(before), SERVER_WAIT);
        expect(await store.getTask('calls')).toMatchObject({ paused: true });
      } finally {
        await other.close();
      }
    });
  });
});
