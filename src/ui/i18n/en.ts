// Every English string of the dashboard. ru.ts has the same shape (the type is this object's).
import type { ActionId, KeyContext } from '../keymap.js';
import { counted, pluralWord, type EnglishForms } from '../../engine/text/plural.js';
import type { Refusal } from '../refusals.js';

// Counted words (Intl.PluralRules via engine/text/plural.ts): every message with a count uses one.
const RUN: EnglishForms = { one: 'run', other: 'runs' };
const NEW_RUN: EnglishForms = { one: 'new run', other: 'new runs' };
const TASK: EnglishForms = { one: 'task', other: 'tasks' };
const USER: EnglishForms = { one: 'user', other: 'users' };
const TIME: EnglishForms = { one: 'time', other: 'times' };
const FAILING_TASK: EnglishForms = { one: 'failing task', other: 'failing tasks' };
const LIVE_INSTANCE: EnglishForms = { one: 'live instance', other: 'live instances' };
const ITEM: EnglishForms = { one: 'item', other: 'items' };
const count = (n: number, forms: EnglishForms) => counted('en', n, forms);

export const en = {
  lang: 'en' as 'en' | 'ru',
  time: {
    units: { ms: 'ms', s: 's', m: 'm', h: 'h', d: 'd' },
    unitSpace: false,
    decimal: '.',
    now: 'now',
    inFuture: (span: string) => `in ${span}`,
    inPast: (span: string) => `${span} ago`,
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  status: {
    waiting: 'Waiting',
    unavailable: 'Unavailable',
    running: 'Running',
    paused: 'Paused',
    disabled: 'Disabled',
  },
  outcome: {
    running: 'Running',
    success: 'Success',
    warning: 'Warning',
    error: 'Error',
    cancelled: 'Cancelled',
    interrupted: 'Interrupted',
    repeat: 'Repeat',
  },
  errorClass: { network: 'network', auth: 'auth', recognized: 'recognized', unknown: 'unknown' },
  trigger: { schedule: 'scheduled', manual: 'manual' },
  /** Who started a run, when it was no one (the engine's SCHEDULER). */
  startedBy: { scheduler: 'scheduler' },
  taskType: {
    calls: 'Receiving calls',
    leads: 'Receiving leads',
    schedule: 'Schedule upload',
    messages: 'Sending messages',
  } as Record<string, string>,
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
  header: {
    app: 'syncdeck',
    user: (user: string, roles: string) => (roles ? `${user} (${roles})` : user),
    viewingAs: (osUser: string, user: string) => `${osUser} as ${user}`,
    instance: (id: string) => `instance ${id}`,
    database: (path: string) => `db ${path}`,
    config: (source: string) => `config ${source}`,
    demoConfig: 'demo config',
    failing: (n: number) => count(n, FAILING_TASK),
    allOk: 'no failing tasks',
    demoBanner: 'Demo: simulated services on 127.0.0.1 — run with --config FILE for a real setup',
    unknownUser: (user: string) =>
      `User "${user}" is not in the config's users, so no tasks are visible. Ask an admin to add you.`,
    storageError: (message: string) => `Storage error: ${message}`,
    alertTrouble: (channel: string, since: string, undelivered: number) =>
      `alert to ${channel} failing since ${since} (${undelivered} undelivered)`,
    clockSkew: (amount: string, behind: boolean) =>
      `Clock: this computer is ${amount} ${behind ? 'behind' : 'ahead of'} the database server; syncdeck uses the server's time — check this computer's time (NTP)`,
    configDiffers: (writtenBy: string, at: string, what: string) =>
      `This instance's config differs from the fleet's (written by ${writtenBy} at ${at}): ${what}`,
    tasksDiffer: (n: number, list: string) =>
      `${count(n, TASK)} ${n === 1 ? 'differs' : 'differ'} (${list}) and ${n === 1 ? 'is' : 'are'} not run here`,
    configError: (problem: string, more: number) =>
      `Config not reloaded, the last good one stays: ${problem}${more > 0 ? ` (+${more} more)` : ''}`,
    restartNeeded: (fields: string, file: string, inUse: string) =>
      `${fields} changed in ${file}: this instance keeps using ${inUse} until it restarts`,
  },
  configReloaded: {
    title: (parts: string) => `Config reloaded: ${parts}`,
    none: 'no task changed',
    changed: (n: number) => `${count(n, TASK)} changed`,
    added: (n: number) => `${count(n, TASK)} added`,
    removed: (n: number) => `${count(n, TASK)} removed`,
    users: (n: number) => `${count(n, USER)} changed`,
    hidden: (list: string) => `no longer visible to you: ${list}`,
  },
  actions: {
    'move-up': { bar: 'move', help: 'Move up / scroll up' },
    'move-down': { bar: 'move', help: 'Move down / scroll down' },
    'page-up': { bar: 'page up', help: 'One page up' },
    'page-down': { bar: 'page down', help: 'One page down' },
    first: { bar: 'first', help: 'To the top' },
    last: { bar: 'last', help: 'To the bottom' },
    'switch-pane': { bar: 'pane', help: 'Switch between the task list and the run details' },
    run: { bar: 'run', help: 'Run the task now (records diagnostics)' },
    stop: { bar: 'stop', help: 'Stop the running task, wherever it runs (asks y/N)' },
    pause: { bar: 'pause', help: 'Pause or resume automatic runs' },
    grouping: { bar: 'group', help: 'Group by task type or by service' },
    filter: { bar: 'filter', help: 'Filter the tasks as you type' },
    'task-history': { bar: 'history', help: 'History of this task' },
    'all-history': { bar: 'all history', help: 'History of every task' },
    diagnostics: { bar: 'diagnostics', help: 'Full diagnostics of the run (requests and answers)' },
    help: { bar: 'help', help: 'Show every key' },
    back: { bar: 'back', help: 'Close this screen' },
    'clear-filter': { bar: 'clear filter', help: 'Clear the filter' },
    quit: { bar: 'quit', help: 'Quit' },
    'force-quit': { bar: 'quit', help: 'Quit from anywhere' },
    repaint: { bar: 'redraw', help: 'Redraw the whole screen (after a message wrote over it)' },
    'confirm-yes': { bar: 'yes', help: 'Yes' },
    'confirm-no': { bar: 'no', help: 'No (the default)' },
    'filter-done': { bar: 'done', help: 'Keep the filter and go back to the list' },
    'filter-clear': { bar: 'clear', help: 'Clear the filter' },
    'filter-erase': { bar: 'erase', help: 'Erase the last character' },
    'run-info': {
      bar: 'info',
      help: 'Synchronisation information: summary, progress log, errors, how long details are kept',
    },
    'history-filters': { bar: 'filter', help: 'Filter by service, task type, outcome, task, who started it, or time' },
    'clear-history-filters': { bar: 'clear filter', help: 'Clear every filter of the history' },
    'field-next': { bar: 'next field', help: 'Next filter field' },
    'field-prev': { bar: 'previous field', help: 'Previous filter field' },
    'filters-apply': { bar: 'apply', help: 'Apply the filter' },
    'filters-cancel': { bar: 'cancel', help: 'Close the filter panel without applying' },
    instances: { bar: 'instances', help: 'Every live syncdeck instance: who runs it where, and what it runs now' },
    'running-instance': { bar: 'where', help: 'The instance running this task (on the Instances screen)' },
  } satisfies Record<ActionId, { bar: string; help: string }>,
  resumeBar: 'resume',
  keyNames: {
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    left: '←',
    right: '→',
    tab: 'Tab',
    'shift+tab': 'Shift+Tab',
    escape: 'Esc',
    return: 'Enter',
    backspace: 'Backspace',
    'ctrl+c': 'Ctrl+C',
    'ctrl+l': 'Ctrl+L',
  } as Record<string, string>,
  contexts: {
    global: 'Everywhere',
    dashboard: 'Task list',
    filter: 'While filtering',
    confirm: 'Confirmation',
    diagnostics: 'Diagnostics',
    help: 'This help',
    history: 'History',
    'history-filters': 'History filter',
    'run-info': 'Synchronisation information',
    instances: 'Instances',
  } satisfies Record<KeyContext, string>,
  refusal: (r: Refusal): string => {
    switch (r.code) {
      case 'no-task':
        return 'No task selected.';
      case 'running-elsewhere':
        return `Already running on ${r.instance}: no second start is needed.`;
      case 'running-here':
        return 'Already running here.';
      case 'not-running':
        return 'The task is not running.';
      case 'disabled':
        return 'The task is disabled.';
      case 'forbidden':
        return 'Your roles do not allow this for this task.';
      case 'no-run':
        return 'The task has not run yet.';
      case 'no-diagnostics':
        return 'This run has no diagnostics (they are recorded for manual runs: press r).';
      case 'details-removed':
        return 'The details of this run were removed (retention).';
      case 'no-run-selected':
        return 'No run selected.';
      case 'log-only':
        return 'A command task records its progress log only, no exchanges with a service.';
      case 'nothing':
        return '';
    }
  },
  feedback: {
    started: (task: string, runId: number) => `Started ${task} (run #${runId}).`,
    alreadyRunning: (instance: string) => `Already running on ${instance}.`,
    stopRequested: (task: string) => `Stop requested for ${task}.`,
    stopRequestedOn: (task: string, instance: string) => `Stop requested for ${task} on ${instance}.`,
    paused: (task: string) => `Paused ${task}: no automatic runs until resumed.`,
    resumed: (task: string) => `Resumed ${task}.`,
    failed: (message: string) => `Failed: ${message}`,
    filterHint: 'Type to filter · Enter keep · Esc clear',
  },
  confirm: {
    stop: (task: string, where: string | null) => (where ? `Stop ${task} running on ${where}?` : `Stop ${task}?`),
    quit: (runs: number) => `${count(runs, RUN)} in progress here will be interrupted and resumed elsewhere. Quit?`,
    yesNo: '[y/N]',
  },
  help: {
    title: 'Keys',
  },
  diagnostics: {
    title: (runId: number, task: string) => `Diagnostics of run #${runId} · ${task}`,
    loading: 'Loading diagnostics…',
    failed: (message: string) => `Cannot load the diagnostics: ${message}`,
    none: 'This run recorded no exchanges.',
    exchange: (index: number, count: number, at: string, duration: string) =>
      `Exchange ${index} of ${count} · ${at} · ${duration}`,
    requestBody: 'request body',
    responseBody: 'response body',
    noResponse: 'no response',
    error: (message: string) => `error: ${message}`,
    lines: (from: number, to: number, total: number) => `lines ${from}–${to} of ${total}`,
  },
  history: {
    title: 'History of synchronisations with external services',
    counting: 'counting…',
    runs: (shown: string, n: number) => `${shown} ${pluralWord('en', n, RUN)}`,
    filterLabel: 'Filter:',
    noFilter: 'none, every run of every task',
    task: (name: string) => `task ${name}`,
    service: (name: string) => `service ${name}`,
    type: (label: string) => `type ${label}`,
    outcome: {
      all: 'all outcomes',
      errors: 'errors only',
      success: 'success',
      warning: 'warnings',
      cancelled: 'cancelled',
      interrupted: 'interrupted',
    },
    since: {
      any: 'any time',
      today: 'today',
      '24h': 'last 24 h',
      '7d': 'last 7 days',
      '30d': 'last 30 days',
      range: 'any time',
    },
    by: (user: string) => `started by ${user}`,
    byScheduler: 'started by the scheduler',
    between: (from: string, to: string) => `from ${from} to ${to}`,
    from: (from: string) => `from ${from}`,
    until: (to: string) => `before ${to}`,
    loading: 'Loading the history…',
    failed: (message: string) => `Cannot load the history: ${message}`,
    empty: 'No runs yet.',
    noMatch: 'No run matches the filter.',
    newRuns: (shown: string, n: number) => `${shown} ${pluralWord('en', n, NEW_RUN)} — Home to see them`,
    newer: 'newer runs above',
    older: 'older runs below',
    end: 'the oldest run',
  },
  historyColumns: {
    started: 'Started',
    task: 'Task',
    service: 'Service',
    type: 'Type',
    outcome: 'Outcome',
    duration: 'Duration',
    by: 'Started by',
    instance: 'Instance',
    info: 'i',
  },
  filterPanel: {
    title: 'Filter',
    fields: {
      service: 'Service',
      type: 'Task type',
      outcome: 'Outcome',
      task: 'Task',
      since: 'Time',
      by: 'Started by',
      from: 'From',
      to: 'To',
    },
    allServices: 'All services',
    allTypes: 'All task types',
    allTasks: 'All tasks',
    outcome: {
      all: 'All outcomes',
      errors: 'Errors only',
      success: 'Success',
      warning: 'Warnings',
      cancelled: 'Cancelled',
      interrupted: 'Interrupted',
    },
    since: {
      any: 'Any time',
      today: 'Today',
      '24h': 'Last 24 hours',
      '7d': 'Last 7 days',
      '30d': 'Last 30 days',
      range: 'From … to …',
    },
    everyone: 'Everyone',
    scheduler: 'The scheduler',
    whenHint: 'e.g. 2026-11-30 02:00 or 2h',
    badWhen: 'Not a time. Use 2026-11-30, 2026-11-30 02:00, 90m, 2h or 7d.',
    toNotAfterFrom: '"To" must be after "from".',
  },
  runInfo: {
    title: (runId: number, task: string) => `Synchronisation information · run #${runId} · ${task}`,
    keptUntil: (when: string) => `Details kept until ${when}`,
    removedOn: (when: string) => `Details removed on ${when} (retention)`,
    removed: 'Details removed (retention)',
    recording: 'Details are recorded while the run goes on',
    errors: 'Errors',
    exchangeFailed: (request: string, answer: string) => `${request} → ${answer}`,
  },
  instances: {
    title: 'Instances',
    live: (n: number) => count(n, LIVE_INSTANCE),
    loading: 'Reading the instances…',
    failed: (message: string) => `Cannot read the instances: ${message}`,
    empty: 'No live instance.',
    /** An empty cell of the table. */
    none: '—',
    columns: {
      instance: 'Instance',
      kind: 'Kind',
      pid: 'PID',
      version: 'Version',
      started: 'Started',
      heartbeat: 'Heartbeat',
      skew: 'Clock skew',
      running: 'Running',
    },
    kind: { dashboard: 'dashboard', engine: 'engine', run: 'run' } as Record<'dashboard' | 'engine' | 'run', string>,
    self: 'this dashboard',
    user: (user: string, osUser: string) => (user === osUser ? `User ${user}` : `User ${user} (OS login ${osUser})`),
    host: (host: string) => `host ${host}`,
    pid: (pid: number) => `pid ${pid}`,
    version: (version: string | null) => (version === null ? 'version unknown' : `version ${version}`),
    roles: (roles: string) => (roles ? `Roles: ${roles}` : 'Roles: none'),
    schedules: (yes: boolean): string => (yes ? 'starts runs on its own' : 'starts no runs on its own'),
    started: (clock: string, ago: string) => `Started ${clock} (${ago})`,
    heartbeat: (ago: string) => `last heartbeat ${ago}`,
    skew: (amount: string | null) =>
      amount === null ? 'no clock skew measured (SQLite)' : `database clock minus its clock: ${amount}`,
    running: (tasks: string) => (tasks ? `Running: ${tasks}` : 'Running: nothing'),
    gone: (label: string) =>
      `The instance that was running the task, ${label}, is no longer live (it stopped, or its heartbeat lapsed).`,
  },
  small: {
    message: (cols: number, rows: number) => `The terminal is ${cols}×${rows}. syncdeck needs at least 80×24.`,
    hint: 'Make the window larger, or press q to quit.',
  },
};

export type Catalogue = typeof en;
