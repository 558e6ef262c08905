import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createRefreshScheduler } from '../../../src/ui/hooks/refresh-scheduler.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('a burst of requests becomes one fetch; fetches are at least the gap apart', async () => {
  let loads = 0;
  const scheduler = createRefreshScheduler(
    async () => {
      loads++;
    },
    250,
    () => Date.now(),
  );
  for (let i = 0; i < 10; i++) scheduler.request();
  await vi.advanceTimersByTimeAsync(0);
  expect(loads).toBe(1);
  scheduler.request();
  await vi.advanceTimersByTimeAsync(100);
  expect(loads).toBe(1);
  await vi.advanceTimersByTimeAsync(200);
  expect(loads).toBe(2);
  scheduler.dispose();
  scheduler.request();
  await vi.advanceTimersByTimeAsync(1000);
  expect(loads).toBe(2);
});

test('a request during a fetch runs once more after it', async () => {
  let release: () => void = () => undefined;
  let loads = 0;
  const scheduler = createRefreshScheduler(
    () => {
      loads++;
      return new Promise<void>((resolve) => (release = resolve));
    },
    0,
    () => Date.now(),
  );
  scheduler.request();
  await vi.advanceTimersByTimeAsync(0);
  scheduler.request();
  scheduler.request();
  expect(loads).toBe(1);
  release();
  await vi.advanceTimersByTimeAsync(0);
  expect(loads).toBe(2);
  scheduler.dispose();
});
