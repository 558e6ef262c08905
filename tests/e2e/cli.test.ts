// The read and write commands of docs/cli.md, through the real bundle.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { runSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { runDetailsJsonOf, runJson, runsJson, tasksJson } from '../helpers/cli-json.js';

const dir = useTempDir('syncdeck-cli-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'engine');
const me = userInfo().username;

function setup(meAs: 'admin' | 'reception' = 'admin') {
  const config = join(dir(), 'clinic.yaml');
  const users =
    meAs === 'admin'
      ? `  - { name: ${JSON.stringify(me)}, roles: [admin], permissions: [integration-settings] }\n  - { name: olga, roles: [reception] }`
      : `  - { name: ${JSON.stringify(me)}, roles: [reception] }\n  - { name: anna, roles: [admin], permissions: [integration-settings] }`;
  writeFileSync(
    config,
    `users:
${users}
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
  - { id: booking, name: Booking, baseUrl: "http://127.0.0.1:9" }
tasks:
  - { id: calls, name: Receive calls, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'ok.mjs')} } }
  - { id: upload, name: Upload schedule, type: schedule, service: booking, role: admin, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'fail-auth.mjs')} } }
`,
  );
  const db = join(dir(), 'clinic.db');
  const sd = (...args: string[]) => runSyncdeck([...args, '--config', config, '--db', db]);
  return { config, db, sd };
}

describe('syncdeck run / status / history / show', () => {
  it('prints the contract shapes and exit codes', async () => {
    const { sd } = setup();
    const ok = await sd('run', 'calls', '--json');
    expect(ok.code).toBe(0);
    const okRun = runJson(ok.stdout);
    expect(okRun).toMatchObject({
      taskId: 'calls',
      service: 'telephony',
      type: 'calls',
      trigger: 'manual',
      startedBy: me,
      outcome: 'success',
      errorClass: null,
      message: '2 items',
      detailsPurged: false,
    });
    for (const key of ['id', 'instance', 'startedAt', 'finishedAt', 'durationMs']) expect(okRun).toHaveProperty(key);
    expect(new Date(okRun.startedAt!).toISOString()).toBe(okRun.startedAt);

    const bad = await sd('run', 'upload', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      outcome: 'error',
      errorClass: 'auth',
      message: '401 Unauthorized: token expired',
    });

    const status = await sd('status', '--json');
    expect(status.code).toBe(0);
    const tasks = tasksJson(status.stdout);
    expect(tasks.map((t) => t.id)).toEqual(['calls', 'upload']);
    expect(Object.keys(tasks[1]!).slice(0, 15)).toEqual([
      'id',
      'name',
      'type',
      'service',
      'role',
      'status',
      'paused',
      'progress',
      'intervalSec',
      'effectiveIntervalSec',
      'failures',
      'failingSince',
      'nextRunAt',
      'runningOn',
      'lastRun',
    ]);
    expect(tasks[1]).toMatchObject({
      status: 'waiting',
      intervalSec: 3600,
      effectiveIntervalSec: 7200,
      failures: 1,
      lastRun: { outcome: 'error' },
    });
    expect(tasks[0]).toMatchObject({ status: 'unavailable', failures: 0, failingSince: null });

    const history = await sd('history', '--json');
    expect(runsJson(history.stdout).map((r) => r.taskId)).toEqual(['upload', 'calls']);
    const errors = await sd('history', '--errors', '--json');
    expect(runsJson(errors.stdout).map((r) => r.taskId)).toEqual(['upload']);
    const limited = await sd('history', '--limit', '1', '--json');
    expect(JSON.parse(limited.stdout)).toHaveLength(1);
    const older = await sd('history', '--before', String(runsJson(limited.stdout)[0]!.id), '--json');
    expect(runsJson(older.stdout).map((r) => r.taskId)).toEqual(['calls']);

    const show = await sd('show', String(runJson(bad.stdout).id), '--json');
    const details = runDetailsJsonOf(show.stdout);
    expect(details).toMatchObject({ outcome: 'error', exchanges: [] });
    expect(details.log[0]).toMatchObject({
      level: 'info',
      message: '\u001b]52;c;ZXZpbA==\u0007asking the service\u001b[2J',
    });

    const plain = await sd('show', String(runJson(bad.stdout).id));
    expect(plain.stdout).toContain('asking the service');
    expect(plain.stdout).not.toMatch(/[\u001b\u0007]/);
    const table = await sd('history');
    expect(table.stdout).toMatch(/upload\s+booking\s+schedule\s+error\/auth/);
  });

  it('answers 1 for an unknown task or run and 2 for bad usage', async () => {
    const { sd } = setup();
    expect((await sd('run', 'nope')).code).toBe(1);
    expect((await sd('show', '999')).code).toBe(1);
    const badLimit = await sd('history', '--limit', '0');
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--limit: "0" is not a positive whole number');
    expect((await sd('history', '--outcome', 'fine')).code).toBe(2);
    expect((await sd('status', '--task', 'x')).code).toBe(2);
    expect((await sd('frobnicate')).code).toBe(2);
    const help = await runSyncdeck(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('syncdeck history [--task ID]');
  });

  it('accepts global options before or after the command', async () => {
    const { config, db } = setup();
    const a = await runSyncdeck(['--config', config, '--db', db, 'status', '--json']);
    const b = await runSyncdeck(['status', '--json', '--db', db, '--config', config]);
    expect(a.code).toBe(0);
    expect(tasksJson(a.stdout).map((t) => t.id)).toEqual(tasksJson(b.stdout).map((t) => t.id));
  });
});

describe('syncdeck status --json of many tasks', () => {
  it('arrives whole through a pipe: the read command exits only once its output is written', async () => {
    const ids = Array.from({ length: 1500 }, (_, i) => `t${i}`);
    const { config, db } = writeClinic(dir(), {
      name: 'many',
      tasks: ids.map((id) => task(id, moduleHandler(join(fixtures, 'ok.mjs')), { every: 'interval: 1h' })),
    });
    const r = await runSyncdeck(['status', '--json', '--config', config, '--db', db]);
    expect(r.code).toBe(0);
    // About 0.9 MB, many times a pipe's 64 KB: chunks are still queued in the process when the
    // command returns, and an exit that did not wait for them cut the text short.
    expect(r.stdout.length).toBeGreaterThan(10 * 65_536);
    expect(r.stdout.endsWith('\n]\n')).toBe(true);
    expect(new Set(tasksJson(r.stdout).map((t) => t.id))).toEqual(new Set(ids));
  });
});

describe('syncdeck visibility', () => {
  it('shows a user only the tasks and runs of their roles, and refuses --user without integration-settings', async () => {
    const admin = setup('admin');
    expect((await admin.sd('run', 'upload')).code).toBe(1);
    const runId = runsJson((await admin.sd('history', '--json')).stdout)[0]!.id;
    const asOlga = await admin.sd('status', '--json', '--user', 'olga');
    expect(tasksJson(asOlga.stdout).map((t) => t.id)).toEqual(['calls']);

    const { sd } = setup('reception');
    const status = tasksJson((await sd('status', '--json')).stdout);
    expect(status.map((t) => t.id)).toEqual(['calls']);
    expect(JSON.parse((await sd('history', '--json')).stdout)).toEqual([]);
    expect((await sd('show', String(runId))).code).toBe(1);
    expect((await sd('run', 'upload')).code).toBe(1);
    expect((await sd('pause', 'upload')).code).toBe(1);
    const escalate = await sd('status', '--user', 'anna');
    expect(escalate.code).toBe(2);
    expect(escalate.stderr).toContain('only a user with the integration-settings permission');
  });
});

describe('syncdeck check-config', () => {
  it('checks FILE even when --config names another, with file:line:field errors and exit 2', async () => {
    const { config } = setup();
    const broken = join(dir(), 'broken.yaml');
    writeFileSync(
      broken,
      'services:\n  - id: t\n    name: T\ntasks:\n  - id: a\n    name: A\n    type: calls\n    service: t\n    role: r\n    interval: 5 minutes\n    handler: { kind: http, path: / }\n',
    );
    const r = await runSyncdeck(['check-config', broken, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${broken}:10: tasks[0].interval: "5 minutes" is not a duration (use 30s, 5m, 2h, 1d)`);
    const good = await runSyncdeck(['check-config', config]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('ok (2 services, 2 tasks, 2 users)');
  });
});

describe('syncdeck with an unusable database', () => {
  it('says so in one line with exit 2 and leaves the file alone', async () => {
    const { config } = setup();
    const notDb = join(dir(), 'notes.txt');
    writeFileSync(notDb, 'these are my notes, not a database at all');
    const r = await runSyncdeck(['status', '--config', config, '--db', notDb]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `syncdeck: ${notDb}: is not a syncdeck database (not an SQLite file)`,
    ]);
    const missingDir = await runSyncdeck(['status', '--config', config, '--db', join(dir(), 'nope', 'x.db')]);
    expect(missingDir.code).toBe(2);
    expect(missingDir.stderr).toContain('does not exist');
  });
});

describe('syncdeck history: by time, by person, known values, paging (issue 17)', () => {
  // End to end through the bundle, once each; the cases are in-process in
  // tests/unit/cli (parsing, known values, help) and tests/unit/engine/history-by-time.test.ts.
  it('filters by --since and --by, refuses an unknown value naming the known ones, hints a next page only when there is one, and prints its own help', async () => {
    const { sd } = setup();
    expect((await sd('run', 'calls')).code).toBe(0);
    expect((await sd('run', 'upload')).code).toBe(1);
    const json = async (...args: string[]) => {
      const r = await sd('history', '--json', ...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return runsJson(r.stdout).map((run) => run.taskId);
    };
    expect(await json('--since', '1h')).toEqual(['upload', 'calls']);
    expect(await json('--by', me, '--errors', '--since', '30m')).toEqual(['upload']);
    expect((await sd('history', '--by', 'scheduler')).stdout).toBe('no runs match\n');

    const unknown = await sd('history', '--service', 'nosuch');
    expect(unknown).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'syncdeck: --service: no service "nosuch" (services: booking, telephony)\n',
    });

    // Exactly two runs: a page of two has nothing after it; a page of one has.
    expect((await sd('history', '--limit', '2')).stdout).not.toContain('(more:');
    const one = (await sd('history', '--limit', '1')).stdout;
    const newest = /^\s*(\d+) /m.exec(one.split('\n')[1] ?? '')?.[1];
    expect(one).toMatch(new RegExp(`\\(more: --before ${newest}\\)\\n$`));
    const next = await sd('history', '--limit', '1', '--before', String(newest));
    expect(next.stdout).toMatch(/calls/);
    expect(next.stdout).not.toContain('(more:');

    const help = await runSyncdeck(['history', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: syncdeck history \[--task ID\][\s\S]*--since WHEN[\s\S]*Example:/);
  });
});
