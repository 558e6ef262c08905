import { describe, expect, it } from 'vitest';
import { defaultMaxInterval, nextCronTime, scheduleAfter, type ScheduleInput } from '../../../src/engine/schedule.js';

const S = 1000;
const M = 60 * S;
const base: ScheduleInput = {
  intervalMs: M,
  maxIntervalMs: 5 * M,
  cron: null,
  retryMs: M,
  effectiveIntervalMs: M,
  failures: 0,
  failingSince: null,
  interruptions: 0,
};

describe('schedule.scheduleAfter', () => {
  it('an interruption leaves failures, failing-since and the interval as they were and makes the task due at once', () => {
    const failing = { ...base, effectiveIntervalMs: 4 * M, failures: 2, failingSince: 5 };
    expect(scheduleAfter(failing, 'interrupted', 100, 200)).toEqual({
      effectiveIntervalMs: 4 * M,
      failures: 2,
      failingSince: 5,
      interruptions: 1,
      nextRunAt: 200,
    });
    const cron = { ...base, intervalMs: null, maxIntervalMs: null, cron: '0 3 * * *', effectiveIntervalMs: null };
    expect(scheduleAfter(cron, 'interrupted', 100, 200)).toMatchObject({
      failures: 0,
      interruptions: 1,
      nextRunAt: 200,
    });
  });

  it('the third interruption in a row counts as a failure; a success or an error resets the count', () => {
    let s = { ...base };
    const ends: ReturnType<typeof scheduleAfter>[] = [];
    for (let i = 0; i < 4; i++) {
      const next = scheduleAfter(s, 'interrupted', 1_000 * i, 1_000 * i + 500);
      ends.push(next);
      s = { ...s, ...next, interruptions: next.interruptions ?? 0 };
    }
    expect(ends.map((e) => [e.interruptions, e.failures, e.effectiveIntervalMs])).toEqual([
      [1, 0, M],
      [2, 0, M],
      [3, 1, 2 * M],
      [4, 2, 4 * M],
    ]);
    expect(ends[2]).toMatchObject({ failingSince: 2_000, nextRunAt: 2_500 + 2 * M });
    expect(scheduleAfter(s, 'success', 9_000, 9_500)).toMatchObject({ interruptions: 0, failures: 0 });
    expect(scheduleAfter(s, 'error', 9_000, 9_500)).toMatchObject({ interruptions: 0, failures: 3 });
    expect(scheduleAfter({ ...s, interruptions: 1 }, 'cancelled', 9_000, 9_500)).toMatchObject({ interruptions: 1 });
  });

  it('doubles the effective interval after each failure up to maxInterval, then resets on success', () => {
    let s = { ...base };
    const seen: number[] = [];
    let t = 1_000_000;
    for (let i = 0; i < 5; i++) {
      const next = scheduleAfter(s, 'error', t, t + S);
      seen.push(next.effectiveIntervalMs!);
      expect(next.nextRunAt).toBe(t + S + next.effectiveIntervalMs!);
      s = { ...s, ...next };
      t += 10 * M;
    }
    expect(seen).toEqual([2 * M, 4 * M, 5 * M, 5 * M, 5 * M]);
    expect(s.failures).toBe(5);
    expect(s.failingSince).toBe(1_000_000);
    const ok = scheduleAfter(s, 'warning', t, t + S);
    expect(ok).toEqual({
      effectiveIntervalMs: M,
      failures: 0,
      failingSince: null,
      interruptions: 0,
      nextRunAt: t + S + M,
    });
  });

  it('leaves backoff unchanged after a cancelled run', () => {
    const failing = { ...base, effectiveIntervalMs: 4 * M, failures: 2, failingSince: 5 };
    const next = scheduleAfter(failing, 'cancelled', 100, 200);
    expect(next).toEqual({
      effectiveIntervalMs: 4 * M,
      failures: 2,
      failingSince: 5,
      interruptions: 0,
      nextRunAt: 200 + 4 * M,
    });
  });

  it('retries a failed cron task with doubling delays, never later than the next cron time', () => {
    const cronTask: ScheduleInput = {
      ...base,
      intervalMs: null,
      maxIntervalMs: null,
      cron: '0 * * * *',
      effectiveIntervalMs: null,
    };
    const start = new Date(2026, 0, 5, 10, 0, 0).getTime();
    const first = scheduleAfter(cronTask, 'error', start, start + S);
    expect(first.effectiveIntervalMs).toBe(M);
    expect(first.nextRunAt).toBe(start + S + M);
    let s = { ...cronTask, ...first };
    for (let i = 0; i < 6; i++) s = { ...s, ...scheduleAfter(s, 'error', start, start + S) };
    expect(s.effectiveIntervalMs).toBe(64 * M);
    expect(scheduleAfter(s, 'error', start, start + S).nextRunAt).toBe(new Date(2026, 0, 5, 11, 0, 0).getTime());
    expect(scheduleAfter(s, 'success', start, start + S).nextRunAt).toBe(new Date(2026, 0, 5, 11, 0, 0).getTime());
  });

  it('defaults maxInterval to 16 intervals, at most a day but never below the interval', () => {
    expect(defaultMaxInterval(M)).toBe(16 * M);
    expect(defaultMaxInterval(3 * 3_600_000)).toBe(86_400_000);
    expect(defaultMaxInterval(2 * 86_400_000)).toBe(2 * 86_400_000);
  });
});

describe('schedule.nextCronTime', () => {
  it('finds the next matching minute, hour and weekday', () => {
    const t = new Date(2026, 10, 26, 14, 7, 30).getTime(); // a Thursday
    expect(nextCronTime('*/5 * * * *', t)).toBe(new Date(2026, 10, 26, 14, 10, 0).getTime());
    expect(nextCronTime('0 3 * * *', t)).toBe(new Date(2026, 10, 27, 3, 0, 0).getTime());
    expect(nextCronTime('30 9 * * 1', t)).toBe(new Date(2026, 10, 30, 9, 30, 0).getTime());
    expect(nextCronTime('0 0 1 1 *', t)).toBe(new Date(2027, 0, 1, 0, 0, 0).getTime());
  });
});
