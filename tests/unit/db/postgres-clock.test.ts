// Leases on PostgreSQL follow the server's clock, not each computer's: a computer whose
// clock is an hour ahead cannot take a lease that is still live, one an hour behind does
// not hold a lease longer; each reads times in its own clock; the skew is reported.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PgStore, openStore, type Store } from '../../../src/db/index.js';
import { OFFSET_HYSTERESIS_MS, OFFSET_REFRESH_MS, ServerClock } from '../../../src/db/postgres/clock.js';
import { CLOCK_SKEW_WARN_MS, clockSkewWarning } from '../../../src/engine/clock-skew.js';
import { serviceDef, startInput, taskDef } from '../../helpers/db-fixtures.js';
import { STORE_KINDS, useStoreLocation } from '../../helpers/stores.js';

const HOUR = 3_600_000;

describe('ServerClock', () => {
  it('measures the skew from a reading halfway through the round trip, and applies it', () => {
    const clock = new ServerClock(() => 1_000);
    expect(clock.needsReading()).toBe(true);
    expect(clock.reading(1_000, 5_000 + 1_010, 1_020)).toBe(5_000);
    expect(clock.offset).toBe(5_000);
    expect(clock.toServer(10_000)).toBe(15_000);
    expect(clock.toLocal(15_000)).toBe(10_000);
    expect(clock.needsReading()).toBe(false);
  });

  it('keeps the applied offset through jitter smaller than the hysteresis, so stored times do not wobble', () => {
    const clock = new ServerClock(() => 0);
    expect(clock.reading(0, 3, 2)).toBe(2);
    expect(clock.offset).toBe(0);
    clock.reading(0, 5_000, 0);
    for (const jitter of [-OFFSET_HYSTERESIS_MS, 40, OFFSET_HYSTERESIS_MS]) clock.reading(0, 5_000 + jitter, 0);
    expect(clock.offset).toBe(5_000);
    clock.reading(0, 5_000 + OFFSET_HYSTERESIS_MS + 1, 0);
    expect(clock.offset).toBe(5_000 + OFFSET_HYSTERESIS_MS + 1);
  });

  it('ignores a reading that took too long to say much, once it has a better one', () => {
    const clock = new ServerClock(() => 0);
    clock.reading(0, 2_000, 0);
    expect(clock.reading(0, 60_000, 5_000)).toBe(2_000);
    expect(clock.offset).toBe(2_000);
  });

  it('asks for a new reading after the refresh interval', () => {
    let now = 0;
    const clock = new ServerClock(() => now);
    clock.reading(0, 0, 0);
    now = OFFSET_REFRESH_MS - 1;
    expect(clock.needsReading()).toBe(false);
    now = OFFSET_REFRESH_MS;
    expect(clock.needsReading()).toBe(true);
  });
});

describe('clockSkewWarning', () => {
  it('stays quiet within a few seconds and says which way the clock is off beyond', () => {
    expect(clockSkewWarning(0)).toBeNull();
    expect(clockSkewWarning(CLOCK_SKEW_WARN_MS)).toBeNull();
    expect(clockSkewWarning(-CLOCK_SKEW_WARN_MS)).toBeNull();
    expect(clockSkewWarning(12_400)).toMatch(/^this computer's clock is 12 s behind the database server's; /);
    expect(clockSkewWarning(-HOUR)).toMatch(/^this computer's clock is 60 min ahead of the database server's; /);
  });
});

for (const kind of STORE_KINDS.filter((k) => k === 'postgres')) {
  describe('computers whose clocks disagree, on one PostgreSQL server', () => {
    const db = useStoreLocation(kind, 'syncdeck-pg-clock-');
    const TTL = 30_000;
    const aheadNow = () => Date.now() + HOUR;
    const behindNow = () => Date.now() - HOUR;
    let stores: Store[] = [];
    afterEach(async () => {
      await Promise.all(stores.map((s) => s.close()));
      stores = [];
    });

    async function computers() {
      const right = openStore(db().location);
      const ahead = PgStore.open(db().location, { localClock: aheadNow });
      const behind = PgStore.open(db().location, { localClock: behindNow });
      stores = [right, ahead, behind];
      await right.syncDefinitions([serviceDef('tel')], [taskDef('calls', 'tel'), taskDef('leads', 'tel')], Date.now());
      return { right, ahead, behind };
    }

    async function serverLeaseExpiry(taskId: string): Promise<{ expires: number; serverNow: number }> {
      const client = new pg.Client({ connectionString: db().location });
      await client.connect();
      try {
        const { rows } = await client.query<{ expires: string; now: string }>(
          `SELECT lease_expires_at::text AS expires, (extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS now FROM tasks WHERE id = $1`,
          [taskId],
        );
        return { expires: Number(rows[0]?.expires), serverNow: Number(rows[0]?.now) };
      } finally {
        await client.end();
      }
    }

    it('each computer knows how far its clock is off', async () => {
      const { right, ahead, behind } = await computers();
      expect(Math.abs(await right.clockSkewMs())).toBeLessThan(1_000);
      expect(Math.abs((await ahead.clockSkewMs()) + HOUR)).toBeLessThan(1_000);
      expect(Math.abs((await behind.clockSkewMs()) - HOUR)).toBeLessThan(1_000);
      expect(clockSkewWarning(await ahead.clockSkewMs())).toContain('60 min ahead of');
    });

    it("a computer an hour ahead cannot take a lease that is live by the server's clock", async () => {
      const { right, ahead } = await computers();
      expect((await right.startRun(startInput('calls', 'right', Date.now(), { leaseTtlMs: TTL }))).started).toBe(true);
      // By its own clock the lease expired 59½ minutes ago.
      expect(await ahead.startRun(startInput('calls', 'ahead', aheadNow(), { leaseTtlMs: TTL }))).toMatchObject({
        started: false,
        reason: 'held',
        heldBy: 'right',
      });
      expect(await ahead.requestStop('calls', 'anna', aheadNow())).toEqual({ runningOn: 'right' });
    });

    it("a computer an hour behind holds its lease for the TTL of the server's clock, no longer", async () => {
      const { right, behind } = await computers();
      const taken = await behind.startRun(startInput('leads', 'behind', behindNow(), { leaseTtlMs: TTL }));
      expect(taken.started).toBe(true);
      const { expires, serverNow } = await serverLeaseExpiry('leads');
      expect(Math.abs(expires - (serverNow + TTL))).toBeLessThan(1_000); // stored in the server's time
      expect(await right.startRun(startInput('leads', 'right', Date.now(), { leaseTtlMs: TTL }))).toMatchObject({
        started: false,
        heldBy: 'behind',
      });
      expect(
        (await right.startRun(startInput('leads', 'right', Date.now() + TTL + 1_000, { leaseTtlMs: TTL }))).started,
      ).toBe(true);
    });

    it('every computer reads times in its own clock', async () => {
      const { right, ahead, behind } = await computers();
      const run = await right.startRun(startInput('calls', 'right', Date.now(), { leaseTtlMs: TTL }));
      if (!run.started) throw new Error('not started');
      const near = (actual: number | null | undefined, expected: number) =>
        expect(Math.abs((actual ?? NaN) - expected)).toBeLessThan(1_000);
      near((await ahead.getTask('calls'))?.leaseExpiresAt, aheadNow() + TTL);
      near((await behind.getTask('calls'))?.leaseExpiresAt, behindNow() + TTL);
      near((await ahead.getRun(run.run.id))?.startedAt, aheadNow());
      near(
        (await behind.historyPage({ filter: { since: behindNow() - 60_000 }, limit: 5 }))[0]?.startedAt,
        behindNow(),
      );
      expect(await ahead.historyPage({ filter: { since: aheadNow() + 60_000 }, limit: 5 })).toEqual([]);
    });
  });
}
