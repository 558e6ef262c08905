// The task list: its columns, rows and groups (English).
import { RUN, TASK, count } from './words.js';

export const tasks = {
  columns: {
    status: 'Status',
    task: 'Task',
    interval: 'Interval',
    next: 'Next run',
    last: 'Last run',
    recent: 'Recent',
  },
  /** Column headings for narrow columns. */
  columnsShort: { next: 'Next run', last: 'Last run' },
  list: {
    title: 'Integration status',
    byType: 'by task type',
    byService: 'by service',
    filter: 'filter',
    loading: 'Loading tasks…',
    empty: 'No tasks to show.',
    noMatch: (filter: string) => `No task matches "${filter}".`,
    never: 'never',
    noNextRun: '—',
    due: 'due',
    cron: (expr: string) => expr,
    failingSince: (clock: string, runs: number) => `failing since ${clock}, ${count(runs, RUN)}`,
    position: (at: number, of: number) => `${at}/${of}`,
  },
  group: {
    tasks: (n: number) => count(n, TASK),
    ok: 'ok',
    failing: (n: number) => `${n} failing`,
    allFailing: 'all failing',
    probablyDown: 'all failing: probably down',
  },
};

export type TasksTexts = typeof tasks;
