// Thirty tasks on a 120×40 screen, as a clinic has them: every third one the last run long
// ago, one running with a progress bar (t05), names in Latin, Cyrillic, CJK and with emoji.
import type { TaskView } from '../../src/engine/types.js';
import { makeRun, makeTask, summaryOf } from './fake-engine.js';

const HOUR = 3_600_000;
/** By index; the rest are "Task N". Grouped by type, 0, 4, 8, 12… are calls and 1, 5, 9… leads. */
const NAMES: Record<number, string> = { 1: 'Звонки 2', 5: '📞 Calls 6', 8: '予約 同期 9', 12: 'Лиды 13' };

export const RUNNING_TASK = 't05';
export const RUNNING_RUN = 500;

export function thirtyTasks(now: number): TaskView[] {
  const services = ['telephony', 'leads', 'booking', 'sms', 'mail'];
  const types = ['calls', 'leads', 'schedule', 'messages'];
  return Array.from({ length: 30 }, (_, i) => {
    const id = `t${String(i + 1).padStart(2, '0')}`;
    const last = summaryOf(
      makeRun({ id: i + 1, taskId: id, startedAt: now - 3 * HOUR, finishedAt: now - 3 * HOUR + 900 }),
    );
    const base = makeTask({
      id,
      name: NAMES[i] ?? `Task ${i + 1}`,
      type: types[i % types.length],
      service: services[i % services.length],
      serviceName: services[i % services.length],
      nextRunAt: now + 3 * HOUR,
      lastRun: last,
    });
    if (id !== RUNNING_TASK) return base;
    const run = summaryOf(
      makeRun({
        id: RUNNING_RUN,
        taskId: id,
        outcome: 'running',
        startedAt: now - 3 * HOUR,
        finishedAt: null,
        durationMs: null,
        progressDone: 10,
        progressTotal: 100,
      }),
    );
    return {
      ...base,
      status: 'running' as const,
      progress: 0.1,
      runningOn: 'inst-a',
      runningOnLabel: 'anna@clinic-pc',
      lastRun: run,
    };
  });
}
