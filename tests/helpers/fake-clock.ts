// A clock the test moves by hand: timers fire in time order as advance() passes them, and
// the promise chains they start (store calls included) settle before the next one fires.
import { setImmediate as turn } from 'node:timers/promises';
import type { Clock, ClockTimer } from '../../src/engine/clock.js';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** 2026-11-30 12:00:00 UTC: far from a minute or day boundary that a test could trip on. */
export const FAKE_EPOCH = Date.UTC(2026, 10, 30, 12, 0, 0);

export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(start = FAKE_EPOCH) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const id = ++this.seq;
    this.pending.set(id, { at: this.current + Math.max(0, ms), seq: id, fn });
    const timer: ClockTimer & { id: number } = { id, unref: () => timer };
    return timer;
  }

  clearTimeout(timer: ClockTimer | null | undefined): void {
    if (timer) this.pending.delete((timer as ClockTimer & { id: number }).id);
  }

  /** Timers waiting to fire. */
  get timers(): number {
    return this.pending.size;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.pending.delete(next.seq);
      this.current = Math.max(this.current, next.at);
      next.fn();
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** Advances in steps of `stepMs` until `done()` holds; fails after `maxMs` of fake time. */
  async advanceUntil(done: () => boolean, { stepMs = 100, maxMs = 120_000 } = {}): Promise<void> {
    for (let passed = 0; !done(); passed += stepMs) {
      if (passed > maxMs) throw new Error(`condition not met after ${maxMs} ms of fake time`);
      await this.advance(stepMs);
    }
  }

  private earliest(): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending.values())
      if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    return best;
  }
}

/** Lets promise chains and I/O callbacks started by a timer run to where they wait again. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await turn();
}
