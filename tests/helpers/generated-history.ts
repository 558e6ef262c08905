// A long history for the fake engine: run ids 1..count made from the id alone, so a test
// can page through a million runs that are never all in memory.
import type { GeneratedHistory } from './fake-engine.js';
import { makeRun, MINUTE, NOW } from './fake-engine.js';

const DAY = 24 * 60 * MINUTE;

const TASKS = [
  { taskId: 'calls', taskName: 'Receive calls', service: 'telephony', serviceName: 'Telephony', type: 'calls' },
  { taskId: 'leads', taskName: 'Receive leads', service: 'leads', serviceName: 'Lead aggregator', type: 'leads' },
  {
    taskId: 'schedule',
    taskName: 'Upload schedule',
    service: 'booking',
    serviceName: 'Online booking',
    type: 'schedule',
  },
] as const;

/** Every 10th run an error (network), every 10th + 5 a warning; the rest succeed. Details kept for the newest 1 000. */
export function generatedHistory(count: number, newestAt = NOW - MINUTE): GeneratedHistory {
  return {
    count,
    run(id) {
      const task = TASKS[id % TASKS.length]!;
      const startedAt = newestAt - (count - id) * MINUTE;
      const error = id % 10 === 0;
      const purged = id <= count - 1000;
      return makeRun({
        id,
        ...task,
        startedAt,
        finishedAt: startedAt + 1500,
        durationMs: 1500,
        outcome: error ? 'error' : id % 10 === 5 ? 'warning' : 'success',
        errorClass: error ? 'network' : null,
        message: error ? `connect ECONNREFUSED (run ${id})` : `run ${id} done`,
        detailsPurged: purged,
        detailsPurgedAt: purged ? startedAt + 2 * DAY : null,
        detailsKeptUntil: purged ? null : startedAt + (error ? 2 : 7) * DAY,
        log: purged ? [] : [{ at: startedAt, level: 'info', message: `run ${id} started` }],
      });
    },
  };
}
