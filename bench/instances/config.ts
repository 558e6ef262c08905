// The config every engine of the `instances` area runs: 60 tasks of one role that the
// benchmark's own user holds, each a no-op due at once and then every hour. Every engine
// races for the 60 first runs at start-up, then sleeps until the tasks are due: what is
// left is the cost of an idle instance.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from '../lib/context.js';

export const TASKS = 60;

export function writeInstancesConfig(dir: string, user: string): string {
  const noop = join(BENCH_DIR, 'fixtures', 'noop.mjs');
  const services = ['telephony', 'booking', 'leads', 'lab'];
  const lines = [
    '# The `instances` benchmark: 60 no-op tasks, due at once, then hourly.',
    'engine:',
    '  purgeSchedule: "17 3 * * *"',
    'users:',
    `  - { name: ${JSON.stringify(user)}, roles: [ops], permissions: [integration-settings] }`,
    'services:',
    ...services.map((s) => `  - { id: ${s}, name: ${s}, baseUrl: "http://127.0.0.1:9" }`),
    'tasks:',
    ...Array.from({ length: TASKS }, (_, i) => {
      const id = `task-${String(i + 1).padStart(2, '0')}`;
      return `  - { id: ${id}, name: Task ${i + 1}, type: sync, service: ${services[i % services.length]}, role: ops, interval: 1h, handler: { kind: module, module: ${JSON.stringify(noop)} } }`;
    }),
    '',
  ];
  const file = join(dir, 'instances.yaml');
  writeFileSync(file, lines.join('\n'));
  return file;
}
