// withRecent (src/db/recent.ts): the ring a run's end writes, computed from the row read
// under the write lock; and leaseFree (src/db/start-check.ts), the acquisition's condition.
import { describe, expect, it } from 'vitest';
import { decodeRecent, EMPTY_RECENT, RECENT_MAX, withRecent, withRecentParsed } from '../../../src/db/recent.js';
import { leaseFree } from '../../../src/db/start-check.js';

describe('withRecent', () => {
  it('appends to an empty ring, in the stored form [[runId, outcome, durationMs]]', () => {
    expect(withRecent(EMPTY_RECENT, 7, 'success', 120)).toBe('[[7,"success",120]]');
    expect(withRecent(null, 7, 'error', null)).toBe('[[7,"error",null]]');
  });

  it('keeps the order, oldest first, and only the last RECENT_MAX runs', () => {
    let ring = EMPTY_RECENT;
    for (let id = 1; id <= RECENT_MAX + 2; id++) ring = withRecent(ring, id, id % 2 ? 'success' : 'warning', id * 10);
    const entries = decodeRecent(ring);
    expect(entries).toHaveLength(RECENT_MAX);
    expect(entries[0]).toEqual({ runId: 3, outcome: 'success', durationMs: 30 });
    expect(entries.at(-1)).toEqual({ runId: RECENT_MAX + 2, outcome: 'warning', durationMs: (RECENT_MAX + 2) * 10 });
  });

  it('returns the text unchanged when the run is already in the ring (two paths closing one run)', () => {
    const ring = '[[1,"success",5],[2,"interrupted",9]]';
    expect(withRecent(ring, 2, 'success', 12)).toBe(ring);
  });

  it('keeps entries it does not understand, as the SQL expression did; text that is not an array starts a new ring', () => {
    expect(withRecent('[[1,"success",5],"odd"]', 3, 'error', 1)).toBe('[[1,"success",5],"odd",[3,"error",1]]');
    expect(withRecent('{"not":"a ring"}', 3, 'error', 1)).toBe('[[3,"error",1]]');
    expect(withRecent('[[1,', 3, 'cancelled', 2)).toBe('[[3,"cancelled",2]]');
  });
});

describe('withRecent on compact text', () => {
  it('gives what parsing gives, for rings of every length, new runs and runs already in them', () => {
    const outcomes = ['success', 'warning', 'error', 'cancelled', 'interrupted'] as const;
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    for (let length = 0; length <= RECENT_MAX + 3; length++) {
      const entries = Array.from({ length }, (_, i) => [
        100 + i * 3,
        outcomes[next(5)],
        next(4) === 0 ? null : next(3) === 0 ? -next(50) : next(100_000),
      ]);
      const text = JSON.stringify(entries);
      for (const runId of [100, 100 + 3 * (length - 1), 1, 100 + 3 * length, 10, 1000, 1003]) {
        for (const duration of [0, 12, null, -4, 1.5]) {
          const outcome = outcomes[next(5)]!;
          expect(withRecent(text, runId, outcome, duration)).toBe(withRecentParsed(text, runId, outcome, duration));
        }
      }
    }
  });

  it('a run id that is the prefix of another in the ring is still new', () => {
    expect(withRecent('[[12,"success",1],[123,"error",2]]', 1, 'success', 3)).toBe(
      '[[12,"success",1],[123,"error",2],[1,"success",3]]',
    );
    expect(withRecent('[[12,"success",1],[123,"error",2]]', 12, 'warning', 3)).toBe(
      '[[12,"success",1],[123,"error",2]]',
    );
  });

  it('text in another spelling (spaces, as PostgreSQL writes jsonb) goes the parsed way', () => {
    expect(withRecent('[[1, "success", 5]]', 2, 'error', 1)).toBe('[[1,"success",5],[2,"error",1]]');
    expect(withRecent('[[1, "success", 5]]', 1, 'error', 1)).toBe('[[1, "success", 5]]');
  });
});

describe('leaseFree', () => {
  it('is free without an owner, or once the expiry is strictly before now', () => {
    expect(leaseFree({ leaseOwner: null, leaseExpiresAt: null }, 100)).toBe(true);
    expect(leaseFree({ leaseOwner: 'i1', leaseExpiresAt: 99 }, 100)).toBe(true);
    expect(leaseFree({ leaseOwner: 'i1', leaseExpiresAt: 100 }, 100)).toBe(false);
    // An owner without an expiry never lapses, as `lease_expires_at < now` is never true for NULL.
    expect(leaseFree({ leaseOwner: 'i1', leaseExpiresAt: null }, 100)).toBe(false);
  });
});
