// The services and tasks of a generated dataset: a clinic chain with many branches,
// each branch importing calls and leads, uploading its schedule, sending reminders,
// and fetching lab results (the custom task type).
import { fileURLToPath } from 'node:url';

export const CUSTOM_TYPE = 'lab-results';
export const TASK_TYPES = ['calls', 'leads', 'schedule', 'messages', CUSTOM_TYPE] as const;

/** Roles the tasks run under; the benchmark's own user holds none of them, so nothing starts by itself. */
export const ROLE_OF_TYPE: Record<string, string> = {
  calls: 'reception',
  leads: 'marketing',
  schedule: 'scheduling',
  messages: 'reception',
  [CUSTOM_TYPE]: 'lab',
};

export const NOOP_MODULE = fileURLToPath(new URL('../fixtures/noop.mjs', import.meta.url));

const SERVICE_NAMES: Record<string, string[]> = {
  calls: ['Mango Office', 'Zadarma', 'Sipuni', 'UIS'],
  leads: ['ProDoctorov', 'NaPopravku', 'DocDoc', 'Yandex Leads'],
  schedule: ['SberZdorovye booking', 'Online booking', 'Medesk', 'Infoclinica web'],
  messages: ['SMS.ru', 'SMSC', 'WhatsApp gateway', 'Email relay'],
  [CUSTOM_TYPE]: ['Invitro LIS', 'Helix LIS', 'CMD lab', 'Gemotest'],
};

/** Short, so that the branch number survives the narrow task column. */
const VERB: Record<string, string> = {
  calls: 'Calls',
  leads: 'Leads',
  schedule: 'Schedule',
  messages: 'Reminders',
  [CUSTOM_TYPE]: 'Lab results',
};

export interface BenchService {
  id: string;
  name: string;
  type: string;
}

export interface BenchTask {
  id: string;
  name: string;
  type: string;
  service: string;
  role: string;
  /** Config durations ("5m") or a cron expression: one of the two. */
  interval?: string;
  maxInterval?: string;
  schedule?: string;
  timeout: string;
  handler: { kind: 'module'; module: string; options?: Record<string, unknown> };
  /** Relative share of the generated runs. */
  weight: number;
}

export interface BenchDefinitions {
  services: BenchService[];
  tasks: BenchTask[];
}

const INTERVALS: Record<string, { interval: string; maxInterval: string; minutes: number }[]> = {
  calls: [
    { interval: '1m', maxInterval: '15m', minutes: 1 },
    { interval: '2m', maxInterval: '30m', minutes: 2 },
    { interval: '5m', maxInterval: '1h', minutes: 5 },
  ],
  leads: [
    { interval: '5m', maxInterval: '1h', minutes: 5 },
    { interval: '10m', maxInterval: '2h', minutes: 10 },
  ],
  schedule: [{ interval: '30m', maxInterval: '4h', minutes: 30 }],
  messages: [
    { interval: '10m', maxInterval: '2h', minutes: 10 },
    { interval: '15m', maxInterval: '2h', minutes: 15 },
  ],
  [CUSTOM_TYPE]: [{ interval: '20m', maxInterval: '4h', minutes: 20 }],
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function buildDefinitions(opts: { tasks: number; services: number }): BenchDefinitions {
  const services: BenchService[] = [];
  for (let s = 0; s < opts.services; s++) {
    const type = TASK_TYPES[s % TASK_TYPES.length]!;
    const names = SERVICE_NAMES[type]!;
    const base = names[Math.floor(s / TASK_TYPES.length) % names.length]!;
    const round = Math.floor(s / (TASK_TYPES.length * names.length));
    services.push({ id: `svc-${pad(s + 1)}`, name: round === 0 ? base : `${base} ${round + 1}`, type });
  }
  const tasks: BenchTask[] = [];
  const perService = Math.ceil(opts.tasks / opts.services);
  for (let i = 0; i < opts.tasks; i++) {
    const service = services[i % opts.services]!;
    const branch = Math.floor(i / opts.services) + 1;
    const choices = INTERVALS[service.type]!;
    const pick = choices[branch % choices.length]!;
    // Every tenth schedule upload is a nightly cron job instead of an interval.
    const nightly = service.type === 'schedule' && branch % 10 === 0;
    tasks.push({
      id: `${service.id}-b${pad(branch, String(perService).length)}`,
      name: `${VERB[service.type]} #${branch} · ${service.name}`,
      type: service.type,
      service: service.id,
      role: ROLE_OF_TYPE[service.type]!,
      ...(nightly
        ? { schedule: `${branch % 60} 3 * * *` }
        : { interval: pick.interval, maxInterval: pick.maxInterval }),
      timeout: '2m',
      handler: { kind: 'module', module: NOOP_MODULE },
      weight: nightly ? 1 / (24 * 60) : 1 / pick.minutes,
    });
  }
  return { services, tasks };
}
