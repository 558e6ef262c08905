// The run details pane of the task list (English).
import { RUN, TIME, ITEM, count } from './words.js';

export const details = {
  details: {
    title: 'Details of the last run',
    current: 'Current run',
    noTask: 'No task selected.',
    noRun: 'This task has not run yet.',
    started: 'Started',
    by: (user: string, trigger: string) => `${trigger} by ${user}`,
    instance: 'Instance',
    took: (duration: string) => `took ${duration}`,
    runningFor: (duration: string) => `running for ${duration}`,
    stoppedBy: (user: string) => `stopped by ${user}`,
    message: 'Message',
    progress: (done: number, total: number | null) => (total === null ? `${done} done` : `${done} of ${total}`),
    /** The count so far of a run whose total is unknown. */
    items: (n: number) => count(n, ITEM),
    /** A scheduled run's "started by" line. */
    scheduled: 'scheduled',
    failing: (since: string, runs: number) => `Failing since ${since}, ${count(runs, RUN)}`,
    interval: (normal: string, effective: string) => `interval ${normal} → ${effective}`,
    diagnosticsHint: 'd: full diagnostics (every request and answer)',
    detailsRemoved: 'Progress log and diagnostics removed (retention).',
    log: 'Progress log',
    logEmpty: 'No log lines.',
    logLoading: 'Loading the log…',
    logFailed: (message: string) => `Cannot load the log: ${message}`,
    instanceOf: (label: string, kind: 'dashboard' | 'engine' | 'run' | null, pid: number | null) =>
      kind === null ? label : `${label} (${kind}${pid === null ? '' : `, pid ${pid}`})`,
    idle: (why: 'paused' | 'disabled' | 'no-instance', role: string) =>
      why === 'paused'
        ? 'No automatic runs: paused'
        : why === 'disabled'
          ? 'No automatic runs: disabled in the config'
          : `No automatic runs: no running instance has the role ${role}`,
    interruptedInARow: (n: number, failure: boolean) =>
      `Interrupted ${count(n, TIME)} in a row${failure ? ': counted as a failure' : ''}`,
    recent: 'Recent',
    recentOk: (ok: number, total: number) => `${ok}/${total} ok`,
    median: (duration: string) => `median ${duration}`,
  },
};

export type DetailsTexts = typeof details;
