// syncDefinitions, on every store: the config's services and tasks go into the database;
// what leaves the config is flagged, never deleted, so its history stays (issue 2, item 5).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../src/db/index.js';
import { unsyncedRow } from '../../src/engine/definitions.js';
import { MINUTE, T0, recordRun, serviceDef, taskDef } from '../helpers/db-fixtures.js';
import { SERVER_WAIT, STORE_KINDS, useStoreLocation } from '../helpers/stores.js';

describe.each(STORE_KINDS)('%s store', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-defs-');
  let store: Store;

  beforeEach(() => {
    store = openStore(db().location);
  });
  afterEach(async () => {
    await store.close();
  });

  describe('syncDefinitions', () => {
    it('inserts services and tasks, with a new task due at once and its effective interval at the base', async () => {
      await store.syncDefinitions(
        [serviceDef('tel', { name: 'Telephony' }), serviceDef('sms', { baseUrl: null })],
        [
          taskDef('calls', 'tel', { intervalMs: MINUTE, maxIntervalMs: 30 * MINUTE }),
          taskDef('export', 'tel', {
            intervalMs: null,
            maxIntervalMs: null,
            cron: '0 3 * * *',
            type: 'schedule',
            handlerKind: 'command',
          }),
        ],
        T0,
      );
      expect(await store.listServices()).toEqual([
        { id: 'sms', name: 'Service sms', baseUrl: null, inConfig: true, updatedAt: T0 },
        { id: 'tel', name: 'Telephony', baseUrl: 'http://127.0.0.1/tel', inConfig: true, updatedAt: T0 },
      ]);
      const tasks = await store.listTasks();
      expect(tasks.map((t) => t.id)).toEqual(['calls', 'export']);
      // A new task is written as a task that never ran, due at once: the engine's empty state (unsyncedRow).
      expect(tasks[0]).toEqual({ ...unsyncedRow(taskDef('calls', 'tel'), T0), defHash: null });
      expect(tasks[1]).toMatchObject({
        cron: '0 3 * * *',
        intervalMs: null,
        effectiveIntervalMs: null,
        type: 'schedule',
        handlerKind: 'command',
      });
      expect(await store.getTask('calls')).toEqual(tasks[0]);
      expect(await store.getTask('nope')).toBeUndefined();
    });

    it('updates names and settings in place, keeping the schedule state and the lease', async () => {
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      await store.setSchedule('calls', {
        effectiveIntervalMs: 4 * MINUTE,
        failures: 2,
        failingSince: T0 + 1,
        nextRunAt: T0 + 5 * MINUTE,
      });
      await store.setPaused('calls', true);
      const started = await store.startRun({
        taskId: 'calls',
        instanceId: 'i1',
        now: T0 + 10,
        leaseTtlMs: 30_000,
        trigger: 'manual',
        startedBy: 'anna',
        hasDiagnostics: false,
        onlyIfDue: false,
        interruptedDetailsExpireAt: T0,
      });
      expect(started.started).toBe(true);

      await store.syncDefinitions(
        [serviceDef('tel', { name: 'Telephony (Mango)', baseUrl: 'https://mango.example' })],
        [
          taskDef('calls', 'tel', {
            name: 'Import calls',
            role: 'admin',
            timeoutMs: 2 * MINUTE,
            type: 'leads',
            enabled: false,
          }),
        ],
        T0 + 1_000,
      );
      expect(await store.listServices()).toEqual([
        {
          id: 'tel',
          name: 'Telephony (Mango)',
          baseUrl: 'https://mango.example',
          inConfig: true,
          updatedAt: T0 + 1_000,
        },
      ]);
      expect(await store.getTask('calls')).toMatchObject({
        name: 'Import calls',
        role: 'admin',
        timeoutMs: 2 * MINUTE,
        type: 'leads',
        enabled: false,
        updatedAt: T0 + 1_000,
        // unchanged interval: the backoff, the failures, the pause and the lease stay
        effectiveIntervalMs: 4 * MINUTE,
        failures: 2,
        failingSince: T0 + 1,
        nextRunAt: T0 + 5 * MINUTE,
        paused: true,
        leaseOwner: 'i1',
        leaseEpoch: 1,
      });
    });

    it('a changed interval resets the effective interval to the new base; failures stay', async () => {
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel', { intervalMs: MINUTE })], T0);
      await store.setSchedule('calls', {
        effectiveIntervalMs: 8 * MINUTE,
        failures: 3,
        failingSince: T0,
        nextRunAt: T0 + 8 * MINUTE,
      });

      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel', { intervalMs: 2 * MINUTE })], T0 + 1);
      expect(await store.getTask('calls')).toMatchObject({
        intervalMs: 2 * MINUTE,
        effectiveIntervalMs: 2 * MINUTE,
        failures: 3,
        failingSince: T0,
      });

      await store.setSchedule('calls', {
        effectiveIntervalMs: 16 * MINUTE,
        failures: 4,
        failingSince: T0,
        nextRunAt: T0 + 16 * MINUTE,
      });
      await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel', { intervalMs: 2 * MINUTE, maxIntervalMs: 10 * MINUTE })],
        T0 + 2,
      );
      expect(await store.getTask('calls')).toMatchObject({
        maxIntervalMs: 10 * MINUTE,
        effectiveIntervalMs: 2 * MINUTE,
      });

      // interval → cron
      await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel', { intervalMs: null, maxIntervalMs: null, cron: '*/5 * * * *' })],
        T0 + 3,
      );
      expect(await store.getTask('calls')).toMatchObject({
        cron: '*/5 * * * *',
        intervalMs: null,
        effectiveIntervalMs: null,
      });
    });

    it('an unchanged interval leaves the backoff alone', async () => {
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      await store.setSchedule('calls', {
        effectiveIntervalMs: 8 * MINUTE,
        failures: 3,
        failingSince: T0,
        nextRunAt: T0 + 8 * MINUTE,
      });
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel', { name: 'Renamed' })], T0 + 1);
      expect(await store.getTask('calls')).toMatchObject({
        name: 'Renamed',
        effectiveIntervalMs: 8 * MINUTE,
        nextRunAt: T0 + 8 * MINUTE,
      });
    });

    it('the same definitions again write nothing: rows keep their time, other instances are not woken', async () => {
      const defs = [
        [serviceDef('tel'), serviceDef('sms')],
        [taskDef('calls', 'tel'), taskDef('remind', 'sms')],
      ] as const;
      await store.syncDefinitions([...defs[0]], [...defs[1]], T0);
      const other = openStore(db().location);
      try {
        const before = await other.changeMarker();
        await store.syncDefinitions([...defs[0]], [...defs[1]], T0 + 5_000);
        expect((await store.listServices()).map((s) => s.updatedAt)).toEqual([T0, T0]);
        expect((await store.listTasks()).map((t) => t.updatedAt)).toEqual([T0, T0]);
        await store.setPaused('calls', true); // a real change, after it: once seen, nothing came before it
        await vi.waitFor(async () => expect(await other.changeMarker()).not.toBe(before), SERVER_WAIT);
        expect(await other.changeMarker()).toBe(before + 1);
      } finally {
        await other.close();
      }
    });

    it('a task or service removed from the config is kept with inConfig=false, and its runs stay', async () => {
      await store.syncDefinitions(
        [serviceDef('tel'), serviceDef('sms')],
        [taskDef('calls', 'tel'), taskDef('remind', 'sms')],
        T0,
      );
      const r1 = await recordRun(store, 'remind', T0 + 1_000, 'success');
      const r2 = await recordRun(store, 'remind', T0 + 2_000, 'error');

      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0 + 10_000);
      expect((await store.listServices()).map((s) => [s.id, s.inConfig])).toEqual([
        ['sms', false],
        ['tel', true],
      ]);
      expect(await store.getTask('remind')).toMatchObject({ inConfig: false, lastRunId: r2.id });
      expect(await store.getTask('calls')).toMatchObject({ inConfig: true });
      expect((await store.historyPage({ filter: { taskId: 'remind' }, limit: 10 })).map((r) => r.id)).toEqual([
        r2.id,
        r1.id,
      ]);
      expect(await store.getRun(r1.id)).toEqual(r1);

      // A task that left the config does not start on schedule.
      const due = await store.startRun({
        taskId: 'remind',
        instanceId: 'i1',
        now: T0 + 20_000,
        leaseTtlMs: 30_000,
        trigger: 'schedule',
        startedBy: 'scheduler',
        hasDiagnostics: false,
        onlyIfDue: true,
        interruptedDetailsExpireAt: T0,
      });
      expect(due).toEqual({ started: false, reason: 'not-due' });

      // Coming back into the config: the same row, flagged again, history intact.
      await store.syncDefinitions(
        [serviceDef('tel'), serviceDef('sms')],
        [taskDef('calls', 'tel'), taskDef('remind', 'sms')],
        T0 + 30_000,
      );
      expect(await store.getTask('remind')).toMatchObject({ inConfig: true, lastRunId: r2.id });
      expect((await store.listServices()).every((s) => s.inConfig)).toBe(true);
      expect(await store.countHistory({ taskId: 'remind' }, 100)).toBe(2);
    });

    it('an empty config flags everything as removed', async () => {
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      await store.syncDefinitions([], [], T0 + 1);
      expect((await store.listServices()).map((s) => s.inConfig)).toEqual([false]);
      expect((await store.listTasks()).map((t) => t.inConfig)).toEqual([false]);
    });

    it('is all or nothing: a sync that fails half way leaves the previous definitions', async () => {
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      const broken = { ...taskDef('bad', 'tel'), name: null } as unknown as ReturnType<typeof taskDef>;
      await expect(
        store.syncDefinitions(
          [serviceDef('tel', { name: 'Changed' })],
          [taskDef('calls', 'tel', { name: 'Changed' }), broken],
          T0 + 1,
        ),
      ).rejects.toThrow(/not.null/i);
      expect((await store.listServices())[0]?.name).toBe('Service tel');
      expect((await store.listTasks()).map((t) => [t.id, t.name])).toEqual([['calls', 'Task calls']]);
    });
  });

  describe('fleet claim (issue 20)', () => {
    const claim = (version: string, fileModifiedAt: number, writtenBy = 'olga@ws-3') => ({
      version,
      writtenBy,
      fileModifiedAt,
    });

    it('the first claim writes and records the version, who wrote it and when', async () => {
      expect(await store.fleetConfig()).toBeNull();
      const sync = await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel', { defHash: 'h1' })],
        T0,
        claim('v1', T0 - MINUTE),
      );
      expect(sync).toEqual({ written: true, fleet: { version: 'v1', writtenBy: 'olga@ws-3', writtenAt: T0 } });
      expect(await store.fleetConfig()).toEqual({ version: 'v1', writtenBy: 'olga@ws-3', writtenAt: T0 });
      expect(await store.getTask('calls')).toMatchObject({ defHash: 'h1' });
    });

    it('a file older than the recorded version does not overwrite it; a newer one does', async () => {
      await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel', { intervalMs: MINUTE, defHash: 'h1' })],
        T0,
        claim('v1', T0 - MINUTE),
      );
      const older = await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel', { intervalMs: 5 * MINUTE, defHash: 'h2' })],
        T0 + 10,
        claim('v2', T0 - 1, 'ivan@ws-9'),
      );
      expect(older).toEqual({ written: false, fleet: { version: 'v1', writtenBy: 'olga@ws-3', writtenAt: T0 } });
      expect(await store.getTask('calls')).toMatchObject({ intervalMs: MINUTE, defHash: 'h1' });
      const newer = await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel', { intervalMs: 5 * MINUTE, defHash: 'h2' })],
        T0 + 20,
        claim('v2', T0 + 1, 'ivan@ws-9'),
      );
      expect(newer).toEqual({ written: true, fleet: { version: 'v2', writtenBy: 'ivan@ws-9', writtenAt: T0 + 20 } });
      expect(await store.getTask('calls')).toMatchObject({ intervalMs: 5 * MINUTE, defHash: 'h2' });
    });

    it('the same version again keeps who wrote it first', async () => {
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0, claim('v1', T0 - 1));
      const again = await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel')],
        T0 + 5,
        claim('v1', T0 - 100, 'ivan@ws-9'),
      );
      expect(again).toEqual({ written: true, fleet: { version: 'v1', writtenBy: 'olga@ws-3', writtenAt: T0 } });
    });

    it('a changed schedule takes the next run the claim computed; an unchanged one keeps its own', async () => {
      const asked: [string, number | null][] = [];
      await store.syncDefinitions(
        [serviceDef('tel')],
        [taskDef('calls', 'tel', { intervalMs: MINUTE }), taskDef('leads', 'tel', { intervalMs: MINUTE })],
        T0,
        claim('v1', T0 - 1),
      );
      await store.setSchedule('calls', {
        effectiveIntervalMs: MINUTE,
        failures: 0,
        failingSince: null,
        nextRunAt: T0 + MINUTE,
      });
      await store.setSchedule('leads', {
        effectiveIntervalMs: MINUTE,
        failures: 0,
        failingSince: null,
        nextRunAt: T0 + 2 * MINUTE,
      });
      await store.syncDefinitions(
        [serviceDef('tel')],
        [
          taskDef('calls', 'tel', { intervalMs: 5 * MINUTE }),
          taskDef('leads', 'tel', { intervalMs: MINUTE, name: 'Renamed' }),
        ],
        T0 + 10,
        {
          ...claim('v2', T0 + 5),
          nextRunAt: (id, lastFinishedAt) => {
            asked.push([id, lastFinishedAt]);
            return id === 'calls' ? T0 + 5 * MINUTE : T0 + 99 * MINUTE;
          },
        },
      );
      // Asked only for the task whose schedule changed, with its last end as stored (it never ran).
      expect(asked).toEqual([['calls', null]]);
      expect(await store.getTask('calls')).toMatchObject({ intervalMs: 5 * MINUTE, nextRunAt: T0 + 5 * MINUTE });
      expect(await store.getTask('leads')).toMatchObject({ name: 'Renamed', nextRunAt: T0 + 2 * MINUTE });
    });

    it('two instances claiming at once: one version wins whole, and both answers name it', async () => {
      const other = openStore(db().location);
      try {
        await store.syncDefinitions([serviceDef('tel')], [], T0);
        const [a, b] = await Promise.all([
          store.syncDefinitions(
            [serviceDef('tel')],
            [taskDef('calls', 'tel', { defHash: 'a' })],
            T0 + 10,
            claim('va', T0 + 1, 'a@h'),
          ),
          other.syncDefinitions(
            [serviceDef('tel')],
            [taskDef('calls', 'tel', { defHash: 'b' })],
            T0 + 10,
            claim('vb', T0 + 1, 'b@h'),
          ),
        ]);
        expect([a.written, b.written].filter(Boolean)).toHaveLength(1);
        const winner = (await store.fleetConfig())!;
        expect(a.fleet).toEqual(winner);
        expect(b.fleet).toEqual(winner);
        expect((await store.getTask('calls'))?.defHash).toBe(winner.version === 'va' ? 'a' : 'b');
      } finally {
        await other.close();
      }
    });
  });

  describe('per-task state', () => {
    it('keeps JSON values per task and key, overwriting on set', async () => {
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel'), taskDef('other', 'tel')], T0);
      expect(await store.getState('calls')).toEqual({});
      await store.setState('calls', 'cursor', { page: 3, since: '2025-01-01' }, T0);
      await store.setState('calls', 'count', 7, T0);
      await store.setState('other', 'cursor', 'x', T0);
      await store.setState('calls', 'count', 8, T0 + 1);
      await store.setState('calls', 'gone', undefined, T0 + 1);
      expect(await store.getState('calls')).toEqual({ cursor: { page: 3, since: '2025-01-01' }, count: 8, gone: null });
      expect(await store.getState('other')).toEqual({ cursor: 'x' });
    });
  });
});
