// One connection per instance, on every store: concurrent calls (transactions among
// them) share it and all succeed; other instances' commits are told through
// Store.onChange (PostgreSQL: by notification, naming the tables; SQLite: from
// PRAGMA data_version), and this store's own are not.
import { readdirSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbOpenError, openStore, PgStore, SqliteStore, type StoreChange, type Store } from '../../src/db/index.js';
import { T0, finishInput, serviceDef, startInput, taskDef } from '../helpers/db-fixtures.js';
import { STORE_KINDS, pgQuery, useStoreLocation } from '../helpers/stores.js';

/** How many times this process holds the file open (an SQLite connection opens its database once). */
function opensOf(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-connections-');
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const open = (label?: string) => {
    const store = kind === 'sqlite' ? SqliteStore.open(db().location, { changeCheckMs: 20 }) : openStore(db().location, { label });
    opened.push(store);
    return store;
  };

  async function connectionsOf(label: string): Promise<number> {
    const name = new URL(db().location).pathname.slice(1);
    const rows = await pgQuery(db().location, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [name, `syncdeck ${label}`]);
    return Number(rows[0]?.n);
  }

  it('one connection: many calls at once, transactions among them, all succeed on it', async () => {
    const store = open('contract');
    const tasks = Array.from({ length: 12 }, (_, i) => taskDef(`t${String(i).padStart(2, '0')}`, 'tel'));
    await store.syncDefinitions([serviceDef('tel')], tasks, T0);
    const stop = store.onChange(() => undefined);
    const results = await Promise.all(
      tasks.map(async (t, i) => {
        const started = await store.startRun(startInput(t.id, `i${i % 3}`, T0 + i));
        if (!started.started) throw new Error(`${t.id} did not start`);
        await Promise.all([store.appendLog(started.run.id, [{ at: T0 + i, level: 'info', message: 'hello' }]), store.setState(t.id, 'cursor', i, T0 + i), store.listTasks()]);
        return store.finishRun(finishInput(started.run, started.epoch, T0 + i + 1, 'success'));
      }),
    );
    expect(results).toEqual(tasks.map(() => true));
    expect((await store.historyPage({ filter: {}, limit: 100 })).map((r) => r.outcome)).toEqual(tasks.map(() => 'success'));
    expect(await store.getState('t05')).toEqual({ cursor: 5 });
    if (kind === 'postgres') {
      expect(await connectionsOf('contract')).toBe(1);
      expect(await (store as PgStore).openConnections()).toBe(1);
    } else expect(opensOf(db().location)).toBe(1);
    stop();
  });

  it('tells another instance\'s commits, with the tables where the store knows them, and not its own', async () => {
    const mine = open('mine');
    const other = open('other');
    await other.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
    const changes: StoreChange[] = [];
    const stop = mine.onChange((c) => changes.push(c));
    if (kind === 'postgres') await vi.waitFor(async () => expect(await connectionsOf('mine')).toBe(1)); // listening
    const before = await mine.changeMarker();

    await mine.registerInstance({ id: 'mine', user: 'anna', host: 'h', pid: 1, kind: 'ui', startedAt: T0, heartbeatAt: T0, stoppedAt: null });
    await other.setPaused('calls', true);
    await vi.waitFor(() => expect(changes.length).toBeGreaterThan(0));
    if (kind === 'postgres') {
      // Our own registration is not told; the other's pause is, as a change to tasks.
      expect(changes.every((c) => c.tables !== null && !c.tables.has('instances'))).toBe(true);
      expect(changes.some((c) => c.tables?.has('tasks'))).toBe(true);
    } else expect(changes[0]).toEqual({ tables: null });
    expect(await mine.changeMarker()).not.toBe(before);

    stop();
    const told = changes.length;
    await other.setPaused('calls', false);
    const marker = await mine.changeMarker();
    await other.setPaused('calls', true);
    await vi.waitFor(async () => expect(await mine.changeMarker()).not.toBe(marker)); // the marker still moves …
    expect(changes).toHaveLength(told); // … but the listener that left hears nothing
  });

  if (kind === 'postgres') {
    it('a heartbeat or a lease renewal wakes nobody; a stop request does', async () => {
      const mine = open('mine');
      const other = open('other');
      await other.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      await other.registerInstance({ id: 'other', user: 'olga', host: 'h', pid: 2, kind: 'engine', startedAt: T0, heartbeatAt: T0, stoppedAt: null });
      const started = await other.startRun(startInput('calls', 'other', Date.now()));
      expect(started.started).toBe(true);
      const changes: StoreChange[] = [];
      mine.onChange((c) => changes.push(c));
      await vi.waitFor(async () => expect(await connectionsOf('mine')).toBe(1));
      await mine.listTasks(); // the LISTEN is in place once a later call went through on the same connection

      for (let i = 1; i <= 5; i++) {
        await other.heartbeatInstance('other', Date.now());
        await other.renewLeases('other', Date.now(), 30_000);
      }
      if (!started.started) return;
      await other.appendLog(started.run.id, [{ at: Date.now(), level: 'info', message: 'a log line is told' }]);
      await vi.waitFor(() => expect(changes.length).toBeGreaterThan(0));
      const tables = () => changes.flatMap((c) => [...(c.tables ?? ['?'])]);
      expect(tables()).toEqual(['run_logs']);
      await other.requestStop('calls', 'anna', Date.now());
      await vi.waitFor(() => expect(tables()).toEqual(['run_logs', 'tasks']));
    });

    it('database.pool / ?pool=N allow more connections, never more than N; a bad ?pool= is one line', async () => {
      const store = PgStore.open(`${db().location}${db().location.includes('?') ? '&' : '?'}pool=3`, { label: 'pooled' });
      opened.push(store);
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      await Promise.all(Array.from({ length: 40 }, () => store.historyPage({ filter: {}, limit: 10 })));
      expect(await store.openConnections()).toBeLessThanOrEqual(3);
      expect(await connectionsOf('pooled')).toBeLessThanOrEqual(3);
      expect(() => openStore(`${db().location}?pool=0`)).toThrow(DbOpenError);
      expect(() => openStore(`${db().location}?pool=0`)).toThrow(/\?pool=0 must be a whole number of connections from 1 to 32$/);
    });

    it('a connection the server ends is opened again: the next calls work, and listeners hear that changes may have been missed', async () => {
      const store = open('dropped');
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      const changes: StoreChange[] = [];
      store.onChange((c) => changes.push(c));
      await vi.waitFor(async () => expect(await connectionsOf('dropped')).toBe(1));
      const name = new URL(db().location).pathname.slice(1);
      await pgQuery(db().location, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'syncdeck dropped'`, [name]);
      await vi.waitFor(() => expect(changes).toContainEqual({ tables: null }));
      expect((await store.listTasks()).map((t) => t.id)).toEqual(['calls']);
      expect(await connectionsOf('dropped')).toBe(1);
    });
  }
});
