// The fleet row is read at most once a second however many task commits elsewhere say it
// may have changed (src/engine/config/fleet-check.ts): a burst costs two reads, and a
// change after a quiet second is looked at at once.
import { describe, expect, it } from 'vitest';
import { FLEET_CHECK_MS, FleetCheck } from '../../../src/engine/config/fleet-check.js';
import { FakeClock } from '../../helpers/fake-clock.js';

describe('reading the fleet row again', () => {
  it('a burst of sixty changes: one read at once, one for the rest a second later', async () => {
    const clock = new FakeClock();
    let reads = 0;
    const check = new FleetCheck(clock, () => reads++);
    for (let i = 0; i < 60; i++) {
      check.changed();
      await clock.advance(10);
    }
    expect(reads).toBe(1);
    await clock.advance(FLEET_CHECK_MS);
    expect(reads).toBe(2);
    await clock.advance(10 * FLEET_CHECK_MS);
    expect(reads).toBe(2);
  });

  it('a change after a quiet second is read at once; none after stop()', async () => {
    const clock = new FakeClock();
    let reads = 0;
    const check = new FleetCheck(clock, () => reads++);
    check.changed();
    await clock.advance(FLEET_CHECK_MS);
    check.changed();
    expect(reads).toBe(2);
    check.changed();
    check.stop();
    await clock.advance(10 * FLEET_CHECK_MS);
    expect(reads).toBe(2);
  });
});
