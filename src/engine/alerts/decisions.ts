// Which alert a moment calls for (docs/alerts.md, "Events"). These functions only propose:
// the store records a proposal once per task and episode, in the transaction that caused it,
// so a proposal made by every instance, or after every failed run, is still one alert.
import type { LoadedConfig } from '../../config/load.js';
import type { TaskConfig } from '../../config/schema.js';
import type { AlertEvent, NewAlert, RunRow, ScheduleState, TaskRow } from '../../db/types.js';
import type { Redactor } from '../diagnostics/redact.js';
import type { ErrorClass, Outcome } from '../types.js';
import { alertPayload, type AlertFacts, type AlertRunFacts } from './payload.js';
import { taskById } from '../config/task-index.js';

export interface Decider {
  /** This instance: its id (recorded) and its label (in the payload). */
  instance: { id: string; label: string };
  config: LoadedConfig;
  redactor: Redactor;
}

/** The task's config when it may alert (alerts configured, the task did not opt out). */
function alerting(d: Decider, taskId: string): TaskConfig | null {
  if (!d.config.alerts) return null;
  const task = taskById(d.config.tasks, taskId);
  return task && task.alerts ? task : null;
}

function facts(
  d: Decider,
  task: TaskConfig | null,
  event: AlertEvent,
  now: number,
  rest: Partial<AlertFacts> = {},
): AlertFacts {
  const serviceName = task ? (d.config.services.find((s) => s.id === task.service)?.name ?? task.service) : '';
  return {
    event,
    task: task && {
      id: task.id,
      name: task.name,
      type: task.type,
      role: task.role,
      service: task.service,
      serviceName,
    },
    failingSince: null,
    failures: 0,
    unrunnableSince: null,
    runnableOn: [],
    run: null,
    instance: d.instance.label,
    at: now,
    ...rest,
  };
}

function proposal(d: Decider, f: AlertFacts, channels: readonly string[]): NewAlert {
  return {
    event: f.event,
    taskId: f.task?.id ?? null,
    runId: f.run?.id ?? null,
    payload: JSON.stringify(alertPayload(f, d.redactor)),
    channels,
    createdBy: d.instance.id,
    now: f.at,
  };
}

const channelsOf = (d: Decider) => d.config.alerts?.channels.map((c) => c.name) ?? [];

/**
 * After a run: `failing` when this run's failure brings the count to failingAfter or past
 * it (an interruption only when the schedule counts it as a failure), `recovered` when a
 * success ends a failing episode. `row` is the task before the run, `schedule` after it.
 */
export function afterRun(
  d: Decider,
  row: TaskRow,
  schedule: ScheduleState,
  run: AlertRunFacts,
  now: number,
): NewAlert | null {
  const task = alerting(d, row.id);
  const policy = d.config.alerts;
  if (!task || !policy) return null;
  if (schedule.failures > row.failures && schedule.failures >= policy.failingAfter) {
    const f = facts(d, task, 'failing', now, {
      failingSince: schedule.failingSince,
      failures: schedule.failures,
      interruptions: schedule.interruptions ?? 0,
      run,
    });
    return proposal(d, f, channelsOf(d));
  }
  if ((run.outcome === 'success' || run.outcome === 'warning') && row.failingSince !== null) {
    return proposal(
      d,
      facts(d, task, 'recovered', now, { failingSince: row.failingSince, failures: row.failures, run }),
      channelsOf(d),
    );
  }
  return null;
}

/** After recovery found the task's run orphaned (the third interruption in a row is a failure). */
export function afterOrphan(
  d: Decider,
  row: TaskRow,
  run: RunRow,
  schedule: ScheduleState,
  now: number,
): NewAlert | null {
  const facts: AlertRunFacts = {
    id: run.id,
    outcome: 'interrupted',
    errorClass: null,
    message: run.message,
    startedAt: run.startedAt,
  };
  return afterRun(d, row, schedule, facts, now);
}

export function unrunnable(d: Decider, row: TaskRow, since: number, now: number): NewAlert | null {
  const task = alerting(d, row.id);
  return task && proposal(d, facts(d, task, 'unrunnable', now, { unrunnableSince: since }), channelsOf(d));
}

export function runnable(
  d: Decider,
  row: TaskRow,
  since: number,
  runnableOn: readonly string[],
  now: number,
): NewAlert | null {
  const task = alerting(d, row.id);
  return task && proposal(d, facts(d, task, 'runnable', now, { unrunnableSince: since, runnableOn }), channelsOf(d));
}

/** A test alert to one channel (`syncdeck alerts test`). */
export function testAlert(d: Decider, channel: string, now: number): NewAlert {
  return proposal(d, facts(d, null, 'test', now), [channel]);
}

/** The facts of a run as an alert names them. */
export function runFacts(run: {
  id: number;
  outcome: Outcome;
  errorClass: ErrorClass | null;
  message: string | null;
  startedAt: number;
}): AlertRunFacts {
  return {
    id: run.id,
    outcome: run.outcome,
    errorClass: run.errorClass,
    message: run.message,
    startedAt: run.startedAt,
  };
}
