// The PostgreSQL store's connections (src/db/postgres/lanes.ts), with fake clients: one
// connection by default, on which a call keeps its transaction to itself; more only up
// to the pool size; notifications of our own connections are not told; a lost connection
// is opened again with backoff, and calls made meanwhile fail at once.
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lanes, type LaneEvents, type LaneOpener } from '../../../src/db/postgres/lanes.js';

class FakeClient extends EventEmitter {
  constructor(
    readonly processID: number,
    private readonly log: string[],
    private readonly gates: Map<string, Promise<void>>,
  ) {
    super();
  }

  async query(text: string): Promise<{ rows: unknown[] }> {
    this.log.push(`${this.processID}: ${text}`);
    await this.gates.get(text);
    return { rows: [] };
  }

  async end(): Promise<void> {
    this.emit('end');
  }
}

function world(opts: { failOpens?: () => boolean } = {}) {
  const log: string[] = [];
  const gates = new Map<string, Promise<void>>();
  const clients: FakeClient[] = [];
  const told: string[] = [];
  let reopened = 0;
  let nextPid = 100;
  const open: LaneOpener = async (main, gone) => {
    log.push(`open ${main ? 'main' : 'extra'}`);
    if (opts.failOpens?.())
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const client = new FakeClient(nextPid++, log, gates);
    client.on('error', gone);
    client.on('end', gone);
    clients.push(client);
    return { client: client as unknown as pg.Client, pid: client.processID };
  };
  const events: LaneEvents = { notified: (p) => told.push(p), reopened: () => void reopened++ };
  /** A query text that waits until the returned function is called. */
  const gate = (text: string) => {
    let open!: () => void;
    gates.set(text, new Promise<void>((r) => (open = r)));
    return open;
  };
  return { log, clients, told, reopened: () => reopened, open, events, gate };
}

const settled = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe("the store's PostgreSQL connections", () => {
  it("one connection: a call's BEGIN … COMMIT is never interleaved with another call's statements", async () => {
    const w = world();
    const lanes = new Lanes(w.open, 1, w.events);
    await lanes.start();
    const commit = w.gate('UPDATE a');
    const a = lanes.use(async (lane) => {
      await lane.client.query('BEGIN');
      await lane.client.query('UPDATE a');
      await lane.client.query('COMMIT');
    });
    const b = lanes.use((lane) => lane.client.query('SELECT b'));
    const c = lanes.use((lane) => lane.client.query('SELECT c'));
    await settled();
    expect(w.log).toEqual(['open main', '100: BEGIN', '100: UPDATE a']);
    commit();
    await Promise.all([a, b, c]);
    expect(w.log).toEqual([
      'open main',
      '100: BEGIN',
      '100: UPDATE a',
      '100: COMMIT',
      '100: SELECT b',
      '100: SELECT c',
    ]);
    expect(lanes.openCount).toBe(1);
    await lanes.close();
  });

  it('a pool of 3: up to three calls at once, each on its own connection; a fourth waits for one of them', async () => {
    const w = world();
    const lanes = new Lanes(w.open, 3, w.events);
    await lanes.start();
    const release = w.gate('slow');
    const calls = Array.from({ length: 4 }, (_, i) =>
      lanes.use(async (lane) => {
        await lane.client.query('slow');
        await lane.client.query(`done ${i}`);
        return lane.pid;
      }),
    );
    await vi.waitFor(() => expect(w.log.filter((l) => l.endsWith('slow'))).toHaveLength(3));
    expect(lanes.openCount).toBe(3);
    expect(w.log.filter((l) => l.startsWith('open'))).toEqual(['open main', 'open extra', 'open extra']);
    release();
    const pids = await Promise.all(calls);
    expect(new Set(pids).size).toBe(3);
    expect(lanes.openCount).toBe(3);
    await lanes.close();
  });

  it('a second listen() while the LISTEN is under way resolves only when the server has it', async () => {
    const w = world();
    const lanes = new Lanes(w.open, 1, w.events);
    await lanes.start();
    const release = w.gate('LISTEN syncdeck_changes');
    let first = false;
    let second = false;
    void lanes.listen().then(() => (first = true));
    void lanes.listen().then(() => (second = true));
    await settled();
    expect([first, second]).toEqual([false, false]);
    release();
    await settled();
    expect([first, second]).toEqual([true, true]);
    expect(w.log.filter((l) => l.endsWith('LISTEN syncdeck_changes'))).toHaveLength(1);
    await lanes.close();
  });

  it("tells other connections' notifications, not those its own connections caused", async () => {
    const w = world();
    const lanes = new Lanes(w.open, 1, w.events);
    await lanes.start();
    await lanes.listen();
    expect(w.log).toContain('100: LISTEN syncdeck_changes');
    const main = w.clients[0]!;
    main.emit('notification', { processId: 100, channel: 'syncdeck_changes', payload: 'tasks' });
    main.emit('notification', { processId: 7, channel: 'syncdeck_changes', payload: 'runs' });
    expect(w.told).toEqual(['runs']);
    await lanes.close();
  });

  it('a lost connection is opened again while someone listens, LISTENs again and says changes may have been missed', async () => {
    const w = world();
    const lanes = new Lanes(w.open, 1, w.events);
    await lanes.start();
    await lanes.listen();
    w.clients[0]!.emit(
      'error',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    await vi.waitFor(() => expect(w.reopened()).toBe(1));
    expect(w.log.filter((l) => l.includes('LISTEN'))).toEqual([
      '100: LISTEN syncdeck_changes',
      '101: LISTEN syncdeck_changes',
    ]);
    await lanes.use((lane) => lane.client.query('SELECT after'));
    expect(w.log.at(-1)).toBe('101: SELECT after');
    await lanes.close();
  });

  it('while the server refuses, calls fail at once with its reason, and the next attempt waits longer each time', async () => {
    vi.useFakeTimers();
    let refuse = false;
    const w = world({ failOpens: () => refuse });
    const lanes = new Lanes(w.open, 1, w.events);
    await lanes.start();
    refuse = true;
    w.clients[0]!.emit('end');
    const opens = () => w.log.filter((l) => l === 'open main').length;

    await expect(lanes.use(async () => undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(opens()).toBe(2);
    // Within the backoff: no new attempt, the same reason at once.
    for (let i = 0; i < 5; i++)
      await expect(lanes.use(async () => undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(opens()).toBe(2);
    // Each failed attempt doubles the wait (with jitter: half to all of it).
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      let waited = 0;
      while (
        (await lanes
          .use(async () => undefined)
          .then(
            () => 'ok',
            () => 'refused',
          )) === 'refused' &&
        opens() === 2 + i
      ) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      waits.push(waited);
    }
    expect(opens()).toBe(8);
    expect(waits[5]!).toBeGreaterThan(waits[0]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(15_000);
    refuse = false;
    vi.advanceTimersByTime(15_000);
    await expect(lanes.use(async () => 'back')).resolves.toBe('back');
    await lanes.close();
  });

  it('a call the server never answers is given up after its timeout, and its connection with it', async () => {
    const w = world();
    const lanes = new Lanes(w.open, 1, w.events);
    await lanes.start();
    w.gate('hangs');
    await expect(lanes.use((lane) => lane.client.query('hangs'), { timeoutMs: 50 })).rejects.toMatchObject({
      code: 'ETIMEDOUT',
    });
    await lanes.use((lane) => lane.client.query('next'));
    expect(w.log.at(-1)).toBe('101: next');
    await lanes.close();
  });
});
