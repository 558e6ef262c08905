// One connection per instance, on every store: concurrent calls (transactions among
// them) share it and all succeed; other instances' commits are told through
// Store.onChange, naming the tables (PostgreSQL: by notification; SQLite: found by
// checkChanges() from PRAGMA data_version and table fingerprints); this store's own are
// not told on their own, nor are heartbeats and lease renewals.
import { readdirSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DbOpenError, openStore, PgStore, type StoreChange, type Store } from '../../src/db/index.js';
import { T0, finishInput, serviceDef, startInput, taskDef } from '../helpers/db-fixtures.js';
import { SERVER_WAIT, STORE_KINDS, pgQuery, useStoreLocation } from '../helpers/stores.js';

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
    const store = openStore(db().location, { label });
    opened.push(store);
    return store;
  };

  async function connectionsOf(label: string): Promise<number> {
    const name = new URL(db().location).pathname.slice(1);
    const rows = await pgQuery(
      db().location,
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
      [name, `syncdeck ${label}`],
    );
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
        await Promise.all([
          store.appendLog(started.run.id, [{ at: T0 + i, level: 'info', message: 'hello' }]),
          store.setState(t.id, 'cursor', i, T0 + i),
          store.listTasks(),
        ]);
        return store.finishRun(finishInput(started.run, started.epoch, T0 + i + 1, 'success'));
      }),
    );
    expect(results).toEqual(tasks.map(() => true));
    expect((await store.historyPage({ filter: {}, limit: 100 })).map((r) => r.outcome)).toEqual(
      tasks.map(() => 'success'),
    );
    expect(await store.getState('t05')).toEqual({ cursor: 5 });
    if (kind === 'postgres') {
      expect(await connectionsOf('contract')).toBe(1);
      expect(await (store as PgStore).openConnections()).toBe(1);
    } else expect(opensOf(db().location)).toBe(1);
    stop();
  });

  /** Waits until `check` holds, looking for changes on the way (SQLite finds them only when asked). */
  const until = (store: Store, check: () => void | Promise<void>) =>
    vi.waitFor(async () => {
      await store.checkChanges();
      await check();
    }, SERVER_WAIT);

  it("tells another instance's commits, naming the tables, and not its own", async () => {
    const mine = open('mine');
    const other = open('other');
    await other.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
    const changes: StoreChange[] = [];
    const stop = mine.onChange((c) => changes.push(c));
    if (kind === 'postgres') await vi.waitFor(async () => expect(await connectionsOf('mine')).toBe(1), SERVER_WAIT); // listening
    const before = await mine.changeMarker();

    // Our own write alone is not told.
    await mine.registerInstance({
      id: 'mine',
      user: 'anna',
      host: 'h',
      pid: 1,
      kind: 'ui',
      startedAt: T0,
      heartbeatAt: T0,
      stoppedAt: null,
    });
    await mine.checkChanges();
    await mine.listTasks(); // a round trip: a notification of our own write would be here by now
    expect(changes).toEqual([]);

    await other.setPaused('calls', true);
    await until(mine, () => expect(changes.some((c) => c.tables?.has('tasks'))).toBe(true));
    expect(changes.every((c) => c.tables !== null)).toBe(true);
    if (kind === 'postgres') expect(changes.some((c) => c.tables?.has('instances'))).toBe(false);
    expect(await mine.changeMarker()).not.toBe(before);

    stop();
    const told = changes.length;
    await other.setPaused('calls', false);
    const marker = await mine.changeMarker();
    await other.setPaused('calls', true);
    if (kind === 'sqlite') expect(await mine.changeMarker()).not.toBe(marker); // the marker still moves …
    await mine.checkChanges();
    await mine.listTasks();
    expect(changes).toHaveLength(told); // … but the listener that left hears nothing
  });

  it('a heartbeat or a lease renewal wakes nobody; a log line and a stop request do', async () => {
    const mine = open('mine');
    const other = open('other');
    await other.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
    await other.registerInstance({
      id: 'other',
      user: 'olga',
      host: 'h',
      pid: 2,
      kind: 'engine',
      startedAt: T0,
      heartbeatAt: T0,
      stoppedAt: null,
    });
    const started = await other.startRun(startInput('calls', 'other', Date.now()));
    if (!started.started) throw new Error('calls did not start');
    const changes: StoreChange[] = [];
    mine.onChange((c) => changes.push(c));
    if (kind === 'postgres') await vi.waitFor(async () => expect(await connectionsOf('mine')).toBe(1), SERVER_WAIT);
    await mine.listTasks(); // the LISTEN is in place once a later call went through on the same connection

    const marker = await mine.changeMarker();
    for (let i = 1; i <= 5; i++) {
      await other.heartbeatInstance('other', Date.now());
      await other.renewLeases('other', Date.now(), 30_000);
    }
    if (kind === 'sqlite') expect(await mine.changeMarker()).not.toBe(marker); // the file did change …
    await mine.checkChanges();
    await other.appendLog(started.run.id, [{ at: Date.now(), level: 'info', message: 'a log line is told' }]);
    const tables = () => changes.flatMap((c) => [...(c.tables ?? ['?'])]);
    await until(mine, () => expect(changes.length).toBeGreaterThan(0));
    expect(tables()).toEqual(['run_logs']); // … but only the log line is told
    await other.requestStop('calls', 'anna', Date.now());
    await until(mine, () => expect(tables()).toEqual(['run_logs', 'tasks']));
  });

  if (kind === 'postgres') {
    it('database.pool / ?pool=N allow more connections, never more than N; a bad ?pool= is one line', async () => {
      const store = PgStore.open(`${db().location}${db().location.includes('?') ? '&' : '?'}pool=3`, {
        label: 'pooled',
      });
      opened.push(store);
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      await Promise.all(Array.from({ length: 40 }, () => store.historyPage({ filter: {}, limit: 10 })));
      expect(await store.openConnections()).toBeLessThanOrEqual(3);
      expect(await connectionsOf('pooled')).toBeLessThanOrEqual(3);
      expect(() => openStore(`${db().location}?pool=0`)).toThrow(DbOpenError);
      expect(() => openStore(`${db().location}?pool=0`)).toThrow(
        /\?pool=0 must be a whole number of connections from 1 to 32$/,
      );
    });

    it('a connection the server ends is opened again: the next calls work, and listeners hear that changes may have been missed', async () => {
      const store = open('dropped');
      await store.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel')], T0);
      const changes: StoreChange[] = [];
      store.onChange((c) => changes.push(c));
      await vi.waitFor(async () => expect(await connectionsOf('dropped')).toBe(1), SERVER_WAIT);
      const name = new URL(db().location).pathname.slice(1);
      await pgQuery(
        db().location,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'syncdeck dropped'`,
        [name],
      );
      await vi.waitFor(() => expect(changes).toContainEqual({ tables: null }), SERVER_WAIT);
      expect((await store.listTasks()).map((t) => t.id)).toEqual(['calls']);
      expect(await connectionsOf('dropped')).toBe(1);
    });
  }
});
