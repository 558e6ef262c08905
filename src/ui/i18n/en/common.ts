// Texts every screen shares: time, statuses, outcomes, task types (English).

export const common = {
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
};

export type CommonTexts = typeof common;
