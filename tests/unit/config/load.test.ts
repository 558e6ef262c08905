// The config loader: every bad input gets exactly one `file:line: field.path: message`
// line (docs/config.md, issue 2), and a good file comes back with its defaults applied.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfigText } from '../../../src/config/load.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const DAY = 86_400_000;
const dir = useTempDir('syncdeck-config-');

function writeConfig(text: string, name = 'syncdeck.yaml'): string {
  const file = join(dir(), name);
  writeFileSync(file, text);
  return file;
}

/** The problems a load reports; fails the test if it loads or throws anything else. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) {
      expect(err.message).toBe(err.problems.join('\n'));
      return err.problems;
    }
    throw err;
  }
  throw new Error('the config loaded, but it should have been rejected');
}

function problemsOfText(text: string, env: Record<string, string> = {}): { file: string; problems: string[] } {
  const file = writeConfig(text);
  return { file, problems: problemsOf(() => loadConfigFile(file, { env })) };
}

// Lines 1-4; a task list starts on line 5.
const SERVICES = `services:
  - id: telephony
    name: Telephony
    baseUrl: http://127.0.0.1:8081
`;

/** One good task at lines 6-14 (after SERVICES and `tasks:`), with `extra` lines inserted after `role`. */
function oneTask(extra = '', interval = '    interval: 1m\n'): string {
  return `${SERVICES}tasks:
  - id: calls
    name: Receive calls
    type: calls
    service: telephony
    role: reception
${extra}${interval}    handler:
      kind: http
      path: /calls
`;
}

describe('loadConfigFile: one exact line per problem', () => {
  it('reproduces the example of issue 2: syncdeck.yaml:14: tasks[2].interval', () => {
    const file = writeConfig(`historyDays: 90
services:
  - { id: telephony, name: Telephony }
tasks:
  - id: calls
    name: Receive calls
    type: calls
    service: telephony
    role: reception
    interval: 1m
    handler: { kind: http, path: /calls }
  - { id: leads, name: Leads, type: leads, service: telephony, role: reception, interval: 5m, handler: { kind: http, path: /leads } }
  - id: sms
    interval: 5 minutes
    name: Send reminders
    type: messages
    service: telephony
    role: reception
    handler: { kind: http, path: /sms }
`);
    expect(problemsOf(() => loadConfigFile(file, { env: {}, label: 'syncdeck.yaml' }))).toEqual([
      'syncdeck.yaml:14: tasks[2].interval: "5 minutes" is not a duration (use 30s, 5m, 2h, 1d)',
    ]);
  });

  it('a YAML syntax error names the line of the error', () => {
    const { file, problems } = problemsOfText(oneTask().replace('name: Receive calls', 'name: Receive: calls'));
    expect(problems).toEqual([`${file}:7: YAML syntax error: Nested mappings are not allowed in compact mappings`]);
  });

  it('an unclosed bracket is reported at the line where the parser noticed it', () => {
    const { file, problems } = problemsOfText(oneTask('    args: [a, b\n'));
    expect(problems).toEqual([
      `${file}:12: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${file}:12: YAML syntax error: Nested mappings are not allowed in compact mappings`,
      `${file}:12: YAML syntax error: Implicit keys need to be on a single line`,
    ]);
  });

  it('a tab used for indentation is a YAML syntax error on its line', () => {
    const { file, problems } = problemsOfText('historyDays: 90\nservices:\n\t- id: x\n');
    expect(problems).toEqual([`${file}:3: YAML syntax error: Tabs are not allowed as indentation`]);
  });

  it('a key given twice is an error, not a silent override', () => {
    const { file, problems } = problemsOfText(oneTask('    role: admin\n'));
    expect(problems).toEqual([`${file}:11: YAML syntax error: Map keys must be unique`]);
  });

  it('an unknown top-level key is an error', () => {
    const { file, problems } = problemsOfText(`histroyDays: 90\n${SERVICES}`);
    expect(problems).toEqual([`${file}:1: histroyDays: unknown field "histroyDays"`]);
  });

  it('an unknown nested key (a typo) is an error at its own line', () => {
    const { file, problems } = problemsOfText(oneTask('', '    intervl: 1m\n'));
    expect(problems).toEqual([`${file}:11: tasks[0].intervl: unknown field "intervl"`]);
  });

  it('an unknown key inside a handler and inside retention are errors', () => {
    const text = `retention:\n  netwrok: 2d\n${oneTask().replace('      path: /calls\n', '      path: /calls\n      methd: GET\n')}`;
    const { file, problems } = problemsOfText(text);
    expect(problems).toEqual([
      `${file}:2: retention.netwrok: unknown field "netwrok"`,
      `${file}:17: tasks[0].handler.methd: unknown field "methd"`,
    ]);
  });

  it('a duration that is not one names the accepted forms', () => {
    const { file, problems } = problemsOfText(oneTask('', '    interval: 5 minutes\n'));
    expect(problems).toEqual([`${file}:11: tasks[0].interval: "5 minutes" is not a duration (use 30s, 5m, 2h, 1d)`]);
  });

  it('a fractional or unit-less duration is not a duration', () => {
    const { file, problems } = problemsOfText(`retention:\n  auth: 1.5d\n  success: "7"\n${SERVICES}`);
    expect(problems).toEqual([
      `${file}:2: retention.auth: "1.5d" is not a duration (use 30s, 5m, 2h, 1d)`,
      `${file}:3: retention.success: "7" is not a duration (use 30s, 5m, 2h, 1d)`,
    ]);
  });

  it('a duration out of range says the range', () => {
    const { file, problems } = problemsOfText(oneTask('    timeout: 2d\n', '    interval: 0s\n'));
    expect(problems).toEqual([
      `${file}:11: tasks[0].timeout: timeout "2d" is out of range (1s to 1d)`,
      `${file}:12: tasks[0].interval: interval "0s" is out of range (1s to 366d)`,
    ]);
  });

  it('a missing required field is reported at the item that lacks it', () => {
    const { file, problems } = problemsOfText(oneTask().replace('    name: Receive calls\n', ''));
    expect(problems).toEqual([`${file}:6: tasks[0].name: required field is missing`]);
  });

  it('a missing services list is reported', () => {
    const { file, problems } = problemsOfText('historyDays: 30\ntasks: []\n');
    expect(problems).toEqual([`${file}:1: services: required field is missing`]);
  });

  it('a value of the wrong type says what was expected and what was found', () => {
    const { file, problems } = problemsOfText(
      `historyDays: ninety\n${oneTask().replace('role: reception', 'role: [a, b]')}`,
    );
    expect(problems).toEqual([
      `${file}:1: historyDays: expected a number, got "ninety"`,
      `${file}:11: tasks[0].role: expected a string, got a list`,
    ]);
  });

  it('a value outside an enumeration lists the allowed values', () => {
    const text = `users:\n  - name: anna\n    permissions: [root]\n${oneTask('    diagnostics: sometimes\n')}`;
    const { file, problems } = problemsOfText(text);
    expect(problems).toEqual([
      `${file}:3: users[0].permissions[0]: "root" is not allowed (use one of: integration-settings)`,
      `${file}:14: tasks[0].diagnostics: "sometimes" is not allowed (use one of: manual, always)`,
    ]);
  });

  it('an unknown handler kind lists the known ones', () => {
    const { file, problems } = problemsOfText(oneTask().replace('kind: http', 'kind: ftp'));
    expect(problems).toEqual([
      `${file}:13: tasks[0].handler.kind: unknown kind "ftp" (use one of: http, command, module)`,
    ]);
  });

  it('a handler without a kind lists the known ones', () => {
    const { file, problems } = problemsOfText(oneTask().replace('      kind: http\n', ''));
    expect(problems).toEqual([
      `${file}:12: tasks[0].handler.kind: required field is missing (one of: http, command, module)`,
    ]);
  });

  it('a service base URL that is not http(s) is an error', () => {
    const { file, problems } = problemsOfText(SERVICES.replace('http://127.0.0.1:8081', 'ftp://files.example'));
    expect(problems).toEqual([
      `${file}:4: services[0].baseUrl: "ftp://files.example" is invalid: expected an http:// or https:// URL`,
    ]);
  });

  it('a task naming a service that does not exist lists the services', () => {
    const { file, problems } = problemsOfText(oneTask().replace('service: telephony', 'service: telefony'));
    expect(problems).toEqual([`${file}:9: tasks[0].service: no service "telefony" (services: telephony)`]);
  });

  it('duplicate task ids are reported at the second one', () => {
    const text = `${oneTask()}  - { id: calls, name: Again, type: calls, service: telephony, role: reception, interval: 5m, handler: { kind: http, path: /x } }\n`;
    const { file, problems } = problemsOfText(text);
    expect(problems).toEqual([`${file}:15: tasks[1].id: duplicate task id "calls"`]);
  });

  it('duplicate service ids and user names are reported', () => {
    const text = `users:\n  - name: anna\n  - name: anna\n${SERVICES}  - id: telephony\n    name: Telephony 2\n`;
    const { file, problems } = problemsOfText(text);
    expect(problems).toEqual([
      `${file}:3: users[1].name: duplicate user "anna"`,
      `${file}:8: services[1].id: duplicate service id "telephony"`,
    ]);
  });

  it('an interval and a schedule together are an error', () => {
    const { file, problems } = problemsOfText(oneTask('    schedule: "0 3 * * *"\n'));
    expect(problems).toEqual([`${file}:11: tasks[0].schedule: give an interval or a schedule, not both`]);
  });

  it('neither an interval nor a schedule is an error at the task', () => {
    const { file, problems } = problemsOfText(oneTask('', ''));
    expect(problems).toEqual([`${file}:6: tasks[0]: needs an interval (e.g. 5m) or a schedule (cron)`]);
  });

  it('an invalid cron expression says which field is wrong', () => {
    const { file, problems } = problemsOfText(oneTask('', '    schedule: "61 * * * *"\n'));
    expect(problems).toEqual([
      `${file}:11: tasks[0].schedule: "61 * * * *" is not a cron expression (61 is a invalid expression for minute)`,
    ]);
  });

  it('an invalid purge schedule is an error', () => {
    const { file, problems } = problemsOfText(`engine:\n  purgeSchedule: every hour\n${SERVICES}`);
    expect(problems).toEqual([`${file}:2: engine.purgeSchedule: "every hour" is not a cron expression`]);
  });

  it('a heartbeat longer than half the lease is an error', () => {
    const { file, problems } = problemsOfText(`engine:\n  leaseTtl: 10s\n  heartbeat: 6s\n${SERVICES}`);
    expect(problems).toEqual([
      `${file}:3: engine.heartbeat: must be at most half of leaseTtl, so a lease survives one missed heartbeat`,
    ]);
  });

  it('a maxInterval shorter than the interval is an error', () => {
    const { file, problems } = problemsOfText(oneTask('    maxInterval: 5m\n', '    interval: 10m\n'));
    expect(problems).toEqual([`${file}:11: tasks[0].maxInterval: must not be shorter than interval`]);
  });

  it('a maxInterval on a cron task is an error', () => {
    const { file, problems } = problemsOfText(oneTask('    maxInterval: 5m\n', '    schedule: "*/5 * * * *"\n'));
    expect(problems).toEqual([`${file}:11: tasks[0].maxInterval: only an interval task has a maxInterval`]);
  });

  it('a missing ${ENV} variable names the variable', () => {
    const text = SERVICES.replace(
      '    baseUrl: http://127.0.0.1:8081\n',
      '    auth: { type: bearer, token: "${TELEPHONY_TOKEN}" }\n',
    );
    const { file, problems } = problemsOfText(text, { OTHER: 'x' });
    expect(problems).toEqual([
      `${file}:4: services[0].auth.token: environment variable TELEPHONY_TOKEN is not set (referenced as \${TELEPHONY_TOKEN})`,
    ]);
  });

  it('an empty ${ENV} variable counts as missing', () => {
    const text = SERVICES.replace(
      '    baseUrl: http://127.0.0.1:8081\n',
      '    auth: { type: bearer, token: "${TELEPHONY_TOKEN}" }\n',
    );
    const { file, problems } = problemsOfText(text, { TELEPHONY_TOKEN: '' });
    expect(problems).toEqual([
      `${file}:4: services[0].auth.token: environment variable TELEPHONY_TOKEN is not set (referenced as \${TELEPHONY_TOKEN})`,
    ]);
  });

  it('a resolved secret never appears in an error, even a long one that is shortened', () => {
    const long = 'tok_live_' + 'A1b2C3d4'.repeat(8); // 73 characters: longer than the 40 an error shows
    const short = 'hunter22';
    const inUrl = 'pAsSw0rdInUrl';
    const text = `historyDays: "\${LONG_TOKEN}"
services:
  - id: telephony
    name: Telephony
    baseUrl: "ftp://user:\${URL_PASS}@host/\${LONG_TOKEN}"
tasks:
  - id: calls
    name: Receive calls
    type: calls
    service: telephony
    role: reception
    interval: "\${SHORT}"
    handler: { kind: http, path: /calls }
`;
    const { file, problems } = problemsOfText(text, { LONG_TOKEN: long, SHORT: short, URL_PASS: inUrl });
    expect(problems).toEqual([
      `${file}:1: historyDays: expected a number, got "***"`,
      `${file}:5: services[0].baseUrl: "ftp://user:***@host/***" is invalid: expected an http:// or https:// URL`,
      `${file}:12: tasks[0].interval: "***" is not a duration (use 30s, 5m, 2h, 1d)`,
    ]);
    const all = problems.join('\n');
    for (const secret of [long, short, inUrl]) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice(0, 12));
    }
  });

  it('a module file that does not exist is reported with its resolved path', () => {
    const text = oneTask().replace(
      '      kind: http\n      path: /calls\n',
      '      kind: module\n      module: ./integrations/nope.mjs\n',
    );
    const { file, problems } = problemsOfText(text);
    expect(problems).toEqual([
      `${file}:14: tasks[0].handler.module: module file ${join(dir(), 'integrations/nope.mjs')} does not exist`,
    ]);
  });

  it('a command given as a path that does not exist is reported; a bare program name is not checked', () => {
    const text = `${oneTask().replace('      kind: http\n      path: /calls\n', '      kind: command\n      command: ./scripts/missing.sh\n')}  - { id: other, name: Other, type: calls, service: telephony, role: reception, interval: 5m, handler: { kind: command, command: some-program-on-path } }\n`;
    const { file, problems } = problemsOfText(text);
    expect(problems).toEqual([
      `${file}:14: tasks[0].handler.command: program ${join(dir(), 'scripts/missing.sh')} does not exist`,
    ]);
  });

  it('an empty file and a file of comments only are "empty"', () => {
    const empty = writeConfig('', 'empty.yaml');
    expect(problemsOf(() => loadConfigFile(empty, { env: {} }))).toEqual([`${empty}:1: the config file is empty`]);
    const comments = writeConfig('# nothing here yet\n\n', 'comments.yaml');
    expect(problemsOf(() => loadConfigFile(comments, { env: {} }))).toEqual([
      `${comments}:1: the config file is empty`,
    ]);
  });

  it('a list or a scalar at the top is not a config', () => {
    const { file, problems } = problemsOfText('- telephony\n- sms\n');
    expect(problems).toEqual([
      `${file}:1: expected a mapping of fields (historyDays, users, services, tasks, …) at the top`,
    ]);
  });

  it('a file that does not exist', () => {
    const file = join(dir(), 'nope.yaml');
    expect(problemsOf(() => loadConfigFile(file))).toEqual([`${file}: cannot read the config file: no such file`]);
  });

  it('a directory', () => {
    const sub = join(dir(), 'conf.d');
    mkdirSync(sub);
    expect(problemsOf(() => loadConfigFile(sub))).toEqual([`${sub}: is a directory, not a config file`]);
  });

  it('a file larger than 4 MiB is refused before it is parsed', () => {
    const file = writeConfig(`# ${'x'.repeat(4 * 1024 * 1024)}\n`, 'huge.yaml');
    expect(problemsOf(() => loadConfigFile(file, { env: {} }))).toEqual([
      `${file}: is ${4 * 1024 * 1024 + 3} bytes; a config file may be at most 4 MiB`,
    ]);
  });

  it('an alias bomb is refused, not expanded', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
    ] as const) {
      rows.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const { file, problems } = problemsOfText(`${rows.join('\n')}\n`);
    expect(problems).toEqual([`${file}:1: Excessive alias count indicates a resource exhaustion attack`]);
  });

  it('reports every problem of the schema at once, ordered by line', () => {
    const text = `${oneTask('    timeout: 2 minutes\n', '    intervl: 1m\n')}  - id: sms\n    name: Send\n    type: messages\n    service: nowhere\n    role: x\n    interval: 1m\n    handler: { kind: ftp }\nbogus: true\n`;
    const { file, problems } = problemsOfText(text);
    expect(problems).toEqual([
      `${file}:11: tasks[0].timeout: "2 minutes" is not a duration (use 30s, 5m, 2h, 1d)`,
      `${file}:12: tasks[0].intervl: unknown field "intervl"`,
      `${file}:22: tasks[1].handler.kind: unknown kind "ftp" (use one of: http, command, module)`,
      `${file}:23: bogus: unknown field "bogus"`,
    ]);
  });

  it('every problem line has the form file:line: message on one line', () => {
    const { file, problems } = problemsOfText(
      `histroyDays: 1\n${oneTask('    maxInterval: 1s\n', '    interval: 5 minutes\n')}`,
    );
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p).not.toContain('\n');
      expect(p.startsWith(`${file}:`)).toBe(true);
      expect(p.slice(file.length)).toMatch(/^:\d+: \S/);
    }
  });
});

describe('loadConfigFile: a valid config', () => {
  // The example of docs/config.md, without the optional sections that have defaults.
  const FULL = `users:
  - name: anna                   # OS login name
    roles: [admin]
    permissions: [integration-settings]
  - name: olga
    roles: [reception]
services:
  - id: telephony
    name: Telephony
    baseUrl: http://127.0.0.1:8081
    auth: { type: bearer, token: "\${TELEPHONY_TOKEN}" }
tasks:
  - id: calls
    name: Receive calls
    type: calls
    service: telephony
    role: reception
    interval: 1m
    maxInterval: 30m
    timeout: 2m
    diagnostics: manual
    handler:
      kind: http
      method: GET
      path: /calls
  - id: export
    name: Nightly export
    type: schedule
    service: telephony
    role: admin
    schedule: "0 3 * * *"
    handler:
      kind: command
      command: ./scripts/export.sh
      args: ["--since", "yesterday"]
  - id: custom
    name: Custom sync
    type: leads
    service: telephony
    role: admin
    interval: 10m
    handler:
      kind: module
      module: ./integrations/custom.mjs
`;

  function withFixtures(text: string): string {
    mkdirSync(join(dir(), 'scripts'));
    mkdirSync(join(dir(), 'integrations'));
    writeFileSync(join(dir(), 'scripts/export.sh'), '#!/bin/sh\necho \'{"progress":[1,1]}\'\n', { mode: 0o755 });
    writeFileSync(join(dir(), 'integrations/custom.mjs'), 'export default async () => {};\n');
    return writeConfig(text);
  }

  it('loads the documented example config with defaults applied', () => {
    const file = withFixtures(FULL);
    const config = loadConfigFile(file, { env: { TELEPHONY_TOKEN: 'tel-secret-123', UNUSED: 'not-a-secret' } });

    expect(config.source).toBe(file);
    expect(config.historyDays).toBe(90);
    expect(config.retention).toEqual({
      network: 2 * DAY,
      auth: 2 * DAY,
      warning: 7 * DAY,
      success: 7 * DAY,
      recognized: 14 * DAY,
      unknown: 30 * DAY,
      cancelled: 7 * DAY,
    });
    expect(config.engine).toEqual({
      maxConcurrentRuns: 4,
      leaseTtl: 30_000,
      heartbeat: 5_000,
      stopGrace: 5_000,
      purgeSchedule: '17 * * * *',
    });
    expect(config.diagnostics).toEqual({ maxBodyBytes: 64 * 1024 });
    expect(config.users).toEqual([
      { name: 'anna', roles: ['admin'], permissions: ['integration-settings'] },
      { name: 'olga', roles: ['reception'], permissions: [] },
    ]);
    expect(config.services).toEqual([
      {
        id: 'telephony',
        name: 'Telephony',
        baseUrl: 'http://127.0.0.1:8081',
        auth: { type: 'bearer', token: 'tel-secret-123' },
      },
    ]);
    expect(config.secrets).toEqual(['tel-secret-123']);

    const [calls, exp, custom] = config.tasks;
    expect(config.tasks).toHaveLength(3);
    expect(calls).toMatchObject({
      id: 'calls',
      interval: 60_000,
      maxInterval: 30 * 60_000,
      timeout: 2 * 60_000,
      diagnostics: 'manual',
      enabled: true,
    });
    expect(calls?.handler).toMatchObject({ kind: 'http', method: 'GET', path: '/calls' });
    expect(exp).toMatchObject({ id: 'export', schedule: '0 3 * * *', timeout: 5 * 60_000, diagnostics: 'manual' });
    expect(exp?.interval).toBeUndefined();
    expect(custom).toMatchObject({ id: 'custom', interval: 10 * 60_000, timeout: 5 * 60_000, diagnostics: 'manual' });
    expect(custom?.maxInterval).toBeUndefined();
  });

  it('resolves relative module, command, cwd and database paths against the config directory, not the working directory', () => {
    const file = withFixtures(`database: data/syncdeck.db\n${FULL}`);
    expect(dir()).not.toBe(process.cwd());
    const config = loadConfigFile(file, { env: { TELEPHONY_TOKEN: 't0k3n-value' } });
    expect(config.database.location).toBe(join(dir(), 'data/syncdeck.db'));
    const handlers = config.tasks.map((t) => t.handler);
    expect(handlers[1]).toEqual({
      kind: 'command',
      command: join(dir(), 'scripts/export.sh'),
      args: ['--since', 'yesterday'],
      cwd: dir(),
    });
    expect(handlers[2]).toEqual({ kind: 'module', module: join(dir(), 'integrations/custom.mjs') });
  });

  it('keeps a bare program name as it is (found on PATH) and absolute paths as they are', () => {
    const abs = join(dir(), 'abs.mjs');
    writeFileSync(abs, 'export default async () => {};\n');
    const file = writeConfig(`${SERVICES}tasks:
  - { id: a, name: A, type: calls, service: telephony, role: r, interval: 1m, handler: { kind: command, command: node, args: [x.js], cwd: work } }
  - { id: b, name: B, type: calls, service: telephony, role: r, interval: 1m, handler: { kind: module, module: ${JSON.stringify(abs)} } }
`);
    const config = loadConfigFile(file, { env: {} });
    expect(config.tasks[0]?.handler).toEqual({
      kind: 'command',
      command: 'node',
      args: ['x.js'],
      cwd: join(dir(), 'work'),
    });
    expect(config.tasks[1]?.handler).toEqual({ kind: 'module', module: abs });
    expect(config.secrets).toEqual([]);
  });

  it('applies defaults only to what a partial retention/engine section leaves out', () => {
    const file = writeConfig(
      `historyDays: 30\nretention:\n  network: 1d\n  unknown: 90d\nengine:\n  leaseTtl: 1m\n  heartbeat: 10s\n${SERVICES}`,
    );
    const config = loadConfigFile(file, { env: {} });
    expect(config.historyDays).toBe(30);
    expect(config.retention).toMatchObject({ network: DAY, unknown: 90 * DAY, auth: 2 * DAY, cancelled: 7 * DAY });
    expect(config.engine).toMatchObject({ leaseTtl: 60_000, heartbeat: 10_000, maxConcurrentRuns: 4 });
    expect(config.tasks).toEqual([]);
    expect(config.users).toEqual([]);
  });

  it('collects every distinct resolved ${ENV} value as a secret, and resolves references inside longer strings', () => {
    const file = writeConfig(`services:
  - id: a
    name: A
    baseUrl: "https://\${HOST}/api"
    auth: { type: basic, username: "\${USER_NAME}", password: "\${PASS}" }
  - id: b
    name: B
    auth: { type: header, name: X-Api-Key, value: "\${PASS}" }
`);
    const config = loadConfigFile(file, { env: { HOST: 'crm.example.org', USER_NAME: 'clinic', PASS: 'p4ss-w0rd' } });
    expect(config.services[0]?.baseUrl).toBe('https://crm.example.org/api');
    expect(config.services[0]?.auth).toEqual({ type: 'basic', username: 'clinic', password: 'p4ss-w0rd' });
    expect(config.services[1]?.auth).toEqual({ type: 'header', name: 'X-Api-Key', value: 'p4ss-w0rd' });
    expect([...config.secrets].sort()).toEqual(['clinic', 'crm.example.org', 'p4ss-w0rd']);
  });
});

describe('parseConfigText', () => {
  it('uses the label in messages and the base directory for paths', () => {
    const problems = problemsOf(() =>
      parseConfigText('historyDays: 0\n', { baseDir: '/nowhere', source: 'demo', label: 'demo config', env: {} }),
    );
    expect(problems).toEqual([
      'demo config:1: historyDays: 0 is too small (minimum 1)',
      'demo config:1: services: required field is missing',
    ]);
  });
});
