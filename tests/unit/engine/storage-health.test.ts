// Storage trouble is told once per outage: one storage-error when writes start failing,
// one storage-recovered (with how long it lasted) once writes have worked for a while
// without a new failure; failures and successes in between are the same outage.
import { describe, expect, it } from 'vitest';
import { DbUnavailableError } from '../../../src/db/errors.js';
import {
  outageText,
  StorageHealth,
  storageErrorMessage,
  type StorageEvent,
} from '../../../src/engine/storage-message.js';

function fakeHealth(settleMs = 5_000) {
  let now = 1_000_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 0;
  const events: StorageEvent[] = [];
  const health = new StorageHealth('/data/syncdeck.db', (e) => events.push(e), {
    settleMs,
    now: () => now,
    setTimer: (fn, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return () => timers.delete(id);
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  return { health, events, advance, pendingTimers: () => timers.size };
}

const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('storage health', () => {
  it('one error line at the first failure, one recovered line after writes worked for the settle time, with the outage length', () => {
    const { health, events, advance } = fakeHealth();
    health.wrote();
    expect(events).toEqual([]);
    health.failed(full);
    advance(1_000);
    health.failed(full);
    health.failed(full);
    expect(events).toEqual([{ type: 'storage-error', message: storageErrorMessage('/data/syncdeck.db', full) }]);
    advance(11_000);
    health.wrote(); // 12 s after the first failure
    advance(4_999);
    health.wrote();
    expect(events).toHaveLength(1);
    advance(1);
    expect(events[1]).toEqual({
      type: 'storage-recovered',
      outageMs: 12_000,
      message: 'the database /data/syncdeck.db takes writes again (the outage lasted 12 s)',
    });
    expect(health.down).toBe(false);
  });

  it('a server that fails every few seconds is one outage, not a flapping pair each time', () => {
    const { health, events, advance } = fakeHealth();
    health.failed(full);
    for (let i = 0; i < 30; i++) {
      advance(1_000);
      health.wrote();
      advance(2_000);
      health.failed(full);
    }
    expect(events.map((e) => e.type)).toEqual(['storage-error']);
    advance(1_000);
    health.wrote();
    advance(5_000);
    expect(events.map((e) => e.type)).toEqual(['storage-error', 'storage-recovered']);
    expect(events[1]).toMatchObject({ outageMs: 91_000 });
  });

  it('a new outage after the last one ended is told again', () => {
    const { health, events, advance } = fakeHealth(100);
    health.failed(full);
    health.wrote();
    advance(100);
    health.failed(full);
    expect(events.map((e) => e.type)).toEqual(['storage-error', 'storage-recovered', 'storage-error']);
  });

  it('dispose leaves no timer behind', () => {
    const { health, advance, pendingTimers, events } = fakeHealth();
    health.failed(full);
    health.wrote();
    expect(pendingTimers()).toBe(1);
    health.dispose();
    expect(pendingTimers()).toBe(0);
    advance(10_000);
    expect(events.map((e) => e.type)).toEqual(['storage-error']);
  });

  it('a PostgreSQL connection problem is named once, without the server repeated', () => {
    const err = new DbUnavailableError(
      'postgres://s:***@db/x: cannot reach the database: connection refused',
      'connection refused',
    );
    expect(storageErrorMessage('postgres://s:***@db/x', err)).toBe(
      'cannot write the database postgres://s:***@db/x: connection refused; runs are not recorded until it can be written again (retrying)',
    );
  });

  it.each([
    [850, '850 ms'],
    [42_400, '42 s'],
    [185_000, '3 min 5 s'],
    [120_000, '2 min'],
  ])('%i ms reads %s', (ms, text) => {
    expect(outageText(ms)).toBe(text);
  });
});
