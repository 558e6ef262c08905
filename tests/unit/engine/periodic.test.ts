import { describe, expect, it } from 'vitest';
import { Periodic } from '../../../src/engine/periodic.js';
import { FakeClock } from '../../helpers/fake-clock.js';

describe('periodic.Periodic', () => {
  it('runs on its period, one call at a time, and stops', async () => {
    const clock = new FakeClock();
    let runs = 0;
    const p = new Periodic(clock, 1_000, async () => void runs++);
    p.start();
    await clock.advance(3_500);
    expect(runs).toBe(3);
    p.stop();
    await clock.advance(5_000);
    expect(runs).toBe(3);
    expect(clock.timers).toBe(0);
  });

  it('soon() brings the next run forward but never later, and a soon() during a run runs again right after', async () => {
    const clock = new FakeClock();
    let runs = 0;
    let release: (() => void) | null = null;
    const p = new Periodic(clock, 10_000, () => {
      runs++;
      return new Promise<void>((r) => (release = r));
    });
    p.start();
    p.soon(500);
    await clock.advance(499);
    expect(runs).toBe(0);
    await clock.advance(1);
    expect(runs).toBe(1);
    p.soon(0); // while the first run is still in progress
    release!();
    await clock.advance(0);
    expect(runs).toBe(2);
    release!();
    await clock.advance(9_999);
    expect(runs).toBe(2);
    await clock.advance(1);
    expect(runs).toBe(3);
    p.stop();
  });
});
