// Config files for tests that start the real `syncdeck`: the OS user (root in CI) is a
// user of the config, and each test gives its own services and tasks as YAML flow lines.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export const ME = userInfo().username;

export interface ClinicOptions {
  /** `engine:` as a YAML flow mapping. */
  engine?: string;
  /** `users:` items; by default the OS user, role reception, with integration-settings. */
  users?: string[];
  services?: string[];
  tasks: string[];
  /** More top-level YAML (diagnostics, retention, …). */
  extra?: string;
  name?: string;
}

export const DEFAULT_SERVICE = '{ id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }';

export function meAs(roles: string[], settings = false): string {
  return `{ name: ${JSON.stringify(ME)}, roles: [${roles.join(', ')}]${settings ? ', permissions: [integration-settings]' : ''} }`;
}

/** Writes `<name>.yaml` (default clinic) into `dir`; returns it and a database path next to it. */
export function writeClinic(dir: string, options: ClinicOptions): { config: string; db: string } {
  const name = options.name ?? 'clinic';
  const config = join(dir, `${name}.yaml`);
  const users = options.users ?? [meAs(['reception'], true)];
  const services = options.services ?? [DEFAULT_SERVICE];
  writeFileSync(
    config,
    [
      `engine: ${options.engine ?? '{ leaseTtl: 3s, heartbeat: 1s, stopGrace: 1s }'}`,
      options.extra ?? '',
      'users:',
      ...users.map((u) => `  - ${u}`),
      'services:',
      ...services.map((s) => `  - ${s}`),
      'tasks:',
      ...options.tasks.map((t) => `  - ${t}`),
      '',
    ].join('\n'),
  );
  return { config, db: join(dir, `${name}.db`) };
}

export interface TaskOptions {
  role?: string;
  service?: string;
  /** The schedule fields; every second by default. */
  every?: string;
  /** More fields, such as `diagnostics: always`. */
  extra?: string;
}

/** One task as a YAML flow mapping. */
export function task(id: string, handler: string, o: TaskOptions = {}): string {
  const fields = [
    `id: ${id}`,
    `name: Task ${id}`,
    'type: calls',
    `service: ${o.service ?? 'telephony'}`,
    `role: ${o.role ?? 'reception'}`,
    o.every ?? 'interval: 1s, maxInterval: 1s',
    ...(o.extra ? [o.extra] : []),
    `handler: ${handler}`,
  ];
  return `{ ${fields.join(', ')} }`;
}

export const moduleHandler = (file: string) => `{ kind: module, module: ${JSON.stringify(file)} }`;
