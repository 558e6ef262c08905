// The YAML config that matches a generated database (the field names of docs/config.md).
import type { BenchDefinitions, BenchTask } from './gen-definitions.js';

/** Other employees who start manual runs in the generated history. */
export const OTHER_USERS = [
  { name: 'anna', roles: ['reception'] },
  { name: 'olga', roles: ['marketing'] },
  { name: 'ivan', roles: ['scheduling', 'lab'] },
];

const q = (s: string) => JSON.stringify(s);

function taskLine(t: BenchTask): string {
  const fields = [
    `id: ${q(t.id)}`,
    `name: ${q(t.name)}`,
    `type: ${q(t.type)}`,
    `service: ${q(t.service)}`,
    `role: ${q(t.role)}`,
    t.schedule !== undefined ? `schedule: ${q(t.schedule)}` : `interval: ${t.interval}, maxInterval: ${t.maxInterval}`,
    `timeout: ${t.timeout}`,
    `handler: { kind: module, module: ${q(t.handler.module)}${t.handler.options ? `, options: ${JSON.stringify(t.handler.options)}` : ''} }`,
  ];
  return `  - { ${fields.join(', ')} }`;
}

/**
 * `adminUser` (the OS user running the benchmark) is an admin with integration-settings:
 * sees every task, but holds none of the tasks' roles, so no run starts automatically
 * and the benchmark measures a quiet dashboard.
 */
export function configYaml(
  defs: BenchDefinitions,
  opts: { adminUser: string; adminRoles?: string[]; comment: string },
): string {
  const users = [
    `  - { name: ${q(opts.adminUser)}, roles: [${(opts.adminRoles ?? ['admin']).map(q).join(', ')}], permissions: [integration-settings] }`,
    ...OTHER_USERS.filter((u) => u.name !== opts.adminUser).map(
      (u) => `  - { name: ${q(u.name)}, roles: [${u.roles.map(q).join(', ')}] }`,
    ),
  ];
  return [
    ...opts.comment.split('\n').map((l) => `# ${l}`),
    'historyDays: 90',
    'engine:',
    '  # Nightly, so that a benchmark is not disturbed by the hourly default.',
    '  purgeSchedule: "17 3 * * *"',
    'users:',
    ...users,
    'services:',
    ...defs.services.map((s) => `  - { id: ${q(s.id)}, name: ${q(s.name)}, baseUrl: "http://127.0.0.1:9" }`),
    'tasks:',
    ...defs.tasks.map(taskLine),
    '',
  ].join('\n');
}
