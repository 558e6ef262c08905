import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeWithinMs, settledWithin } from '../../../src/cli/close-deadline.js';

describe('close-deadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('closeWithinMs gives the store five seconds after the stop grace', () => {
    expect(closeWithinMs(1_000)).toBe(6_000);
  });

  it("settledWithin says 'closed' when the close ends first, failed or not", async () => {
    await expect(settledWithin(Promise.resolve(), 1_000)).resolves.toBe('closed');
    await expect(settledWithin(Promise.reject(new Error('store gone')), 1_000)).resolves.toBe('closed');
  });

  it("settledWithin says 'late' once the time passes first, and not before", async () => {
    let settled: string | undefined;
    void settledWithin(new Promise(() => undefined), 1_000).then((end) => (settled = end));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe('late');
  });
});
