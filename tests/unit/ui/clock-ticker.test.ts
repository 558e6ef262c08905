// The screen's one-second ticker, and a tick brought forward to a frame drawn anyway.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createTicker } from '../../../src/ui/hooks/clock.js';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

test('ticks once a second while someone listens', () => {
  const ticker = createTicker();
  const ticks: number[] = [];
  const stop = ticker.subscribe((now) => ticks.push(now));
  vi.advanceTimersByTime(2_500);
  expect(ticks).toEqual([1_000, 2_000]);
  stop();
  vi.advanceTimersByTime(2_000);
  expect(ticks).toEqual([1_000, 2_000]);
});

test('tickNow ticks at once and the next tick comes a full second later', () => {
  const ticker = createTicker();
  const ticks: number[] = [];
  ticker.subscribe((now) => ticks.push(now));
  vi.advanceTimersByTime(600);
  ticker.tickNow!();
  expect(ticks).toEqual([600]);
  vi.advanceTimersByTime(999);
  expect(ticks).toEqual([600]);
  vi.advanceTimersByTime(1);
  expect(ticks).toEqual([600, 1_600]);
});

test('tickNow with no one listening does nothing and starts no timer', () => {
  const ticker = createTicker();
  ticker.tickNow!();
  expect(vi.getTimerCount()).toBe(0);
});
