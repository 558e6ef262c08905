// Backoff and next-run arithmetic (docs/ARCHITECTURE.md, Schedule and backoff). Pure functions.
// Only the parser: node-cron's scheduler (and its node:child_process) stays out of the bundle's start.
import { parse as parseCron } from 'node-cron';
import type { TaskConfig } from '../config/schema.js';
import type { Outcome, ScheduleState, TaskRow } from '../db/types.js';
import { defaultMaxInterval } from './backoff-limit.js';
import { INTERRUPTIONS_AS_FAILURE } from './types.js';

export interface ScheduleInput {
  intervalMs: number | null;
  maxIntervalMs: number | null;
  cron: string | null;
  /** First retry delay of a failed cron task. */
  retryMs: number;
  effectiveIntervalMs: number | null;
  failures: number;
  failingSince: number | null;
  /** Interrupted runs in a row before this one. */
  interruptions: number;
}

export const DEFAULT_CRON_RETRY_MS = 60_000;

/** The schedule inputs of a task: its row's state and its config's cron retry delay. */
export function scheduleInputOf(row: TaskRow, task: Pick<TaskConfig, 'retryInterval'> | undefined): ScheduleInput {
  return {
    intervalMs: row.intervalMs,
    maxIntervalMs: row.maxIntervalMs,
    cron: row.cron,
    retryMs: task?.retryInterval ?? DEFAULT_CRON_RETRY_MS,
    effectiveIntervalMs: row.effectiveIntervalMs,
    failures: row.failures,
    failingSince: row.failingSince,
    interruptions: row.interruptions,
  };
}

export { defaultMaxInterval };

/**
 * The task's schedule state after a run that started at `startedAt` ended with `outcome` at
 * `finishedAt`. An interruption is not the service's fault: it leaves the backoff as it was
 * and makes the task due at once, unless it is the third in a row, which counts as a failure
 * (docs/ARCHITECTURE.md, Schedule and backoff).
 */
export function scheduleAfter(
  task: ScheduleInput,
  outcome: Outcome,
  startedAt: number,
  finishedAt: number,
): ScheduleState {
  let { effectiveIntervalMs, failures, failingSince, interruptions } = task;
  const fail = () => {
    failures += 1;
    failingSince ??= startedAt;
    if (task.intervalMs !== null) {
      const max = task.maxIntervalMs ?? defaultMaxInterval(task.intervalMs);
      effectiveIntervalMs = Math.min(max, (effectiveIntervalMs ?? task.intervalMs) * 2);
    } else {
      effectiveIntervalMs = task.retryMs * 2 ** Math.min(failures - 1, 20);
    }
  };
  if (outcome === 'success' || outcome === 'warning') {
    failures = 0;
    failingSince = null;
    interruptions = 0;
    effectiveIntervalMs = task.intervalMs;
  } else if (outcome === 'error') {
    interruptions = 0;
    fail();
  } else if (outcome === 'interrupted') {
    interruptions += 1;
    if (interruptions < INTERRUPTIONS_AS_FAILURE)
      return { effectiveIntervalMs, failures, failingSince, interruptions, nextRunAt: finishedAt };
    fail();
  }
  // `cancelled` changes nothing but the next run time.
  const next = nextRunAfter(task, { effectiveIntervalMs, failures }, finishedAt);
  return { effectiveIntervalMs, failures, failingSince, interruptions, nextRunAt: next };
}

function nextRunAfter(
  task: ScheduleInput,
  state: { effectiveIntervalMs: number | null; failures: number },
  finishedAt: number,
): number {
  if (task.cron === null) return finishedAt + (state.effectiveIntervalMs ?? task.intervalMs ?? 60_000);
  const nextCron = nextCronTime(task.cron, finishedAt);
  if (state.failures === 0 || state.effectiveIntervalMs === null) return nextCron;
  return Math.min(finishedAt + state.effectiveIntervalMs, nextCron);
}

type CronFields = {
  second: number[];
  minute: number[];
  hour: number[];
  dayOfMonth: number[];
  month: number[];
  dayOfWeek: number[];
};
const parsedCache = new Map<string, CronFields>();

/** The first time strictly after `after` (epoch ms, local time) matching the cron expression. */
export function nextCronTime(expression: string, after: number): number {
  let fields = parsedCache.get(expression);
  if (!fields) {
    fields = (parseCron as unknown as (e: string) => CronFields)(expression);
    parsedCache.set(expression, fields);
  }
  const f = fields;
  const has = (list: number[], v: number) => list.includes(v);
  const d = new Date(after);
  d.setMilliseconds(0);
  d.setSeconds(d.getSeconds() + 1);
  // Walk forward field by field; bounded to a bit over 4 years (leap days).
  const limit = after + 4 * 366 * 86_400_000;
  while (d.getTime() <= limit) {
    if (!has(f.month, d.getMonth() + 1)) {
      d.setMonth(d.getMonth() + 1, 1);
      d.setHours(0, 0, 0);
      continue;
    }
    if (!has(f.dayOfMonth, d.getDate()) || !has(f.dayOfWeek, d.getDay())) {
      d.setDate(d.getDate() + 1);
      d.setHours(0, 0, 0);
      continue;
    }
    if (!has(f.hour, d.getHours())) {
      d.setHours(d.getHours() + 1, 0, 0);
      continue;
    }
    if (!has(f.minute, d.getMinutes())) {
      d.setMinutes(d.getMinutes() + 1, 0);
      continue;
    }
    if (!has(f.second, d.getSeconds())) {
      d.setSeconds(d.getSeconds() + 1);
      continue;
    }
    return d.getTime();
  }
  return limit;
}
