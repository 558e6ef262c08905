// Alerts with real processes (docs/alerts.md): engines on one database, on every store, and
// a real HTTP receiver on 127.0.0.1. However many engines run, the clinic's support hears
// once that a task is failing, once that it recovered, once that nobody can run a task and
// once that somebody can again; a receiver that is down gets the alert when it comes back;
// a command channel reads the JSON on stdin; no secret and no control character gets out.
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serve } from '../helpers/local-server.js';
import { isEvent, runSyncdeck, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { STORE_KINDS, useStoreLocation, withPasswordInEnv } from '../helpers/stores.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-alerts-');
const fixtures = join(process.cwd(), 'tests', 'fixtures');
const me = userInfo().username;
const ALERT_TOKEN = 'alert-token-7f3a9c21';
const SERVICE_KEY = 'svc-key-51b2e8d0';
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;

const running: SyncdeckProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

interface Received {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  raw: string;
  status: number;
}

/** A webhook receiver on 127.0.0.1 that answers `status(n)` to its n-th request. */
async function receiver(status: (n: number) => number = () => 200) {
  const got: Received[] = [];
  const server = await serve(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const answer = status(got.length + 1);
    got.push({ headers: req.headers, body: JSON.parse(raw) as Record<string, unknown>, raw, status: answer });
    res.writeHead(answer, { 'content-type': 'text/plain' });
    res.end(answer === 200 ? 'ok' : 'upstream is down');
  });
  return {
    url: `${server.url}/hook`,
    got,
    of: (event: string, taskId?: string) =>
      got.filter(
        (r) => r.status === 200 && r.body.event === event && (taskId === undefined || r.body.taskId === taskId),
      ),
  };
}

/** Waits for a condition another process makes true (polled; fails after `timeoutMs`). */
async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** A config with the given alerts section, on the given database: a task that fails while `flag` exists, and one nobody may run. */
function writeSetup(
  location: string,
  alerts: string,
): { config: string; db: string; env: Record<string, string>; flag: string; stdinFile: string } {
  const { url, env } = withPasswordInEnv(location);
  const config = join(dir(), 'syncdeck.yaml');
  const flag = join(dir(), 'failing');
  const stdinFile = join(dir(), 'stdin.jsonl');
  writeFileSync(
    config,
    `engine: { leaseTtl: 2s, heartbeat: 1s, stopGrace: 1s }
users:
  - { name: ${JSON.stringify(me)}, roles: [reception], permissions: [integration-settings] }
  - { name: night, roles: [night-shift] }
services:
  - { id: booking, name: Online booking, baseUrl: "http://127.0.0.1:9" }
${alerts.replaceAll('STDIN_FILE', JSON.stringify(stdinFile)).replaceAll('NODE', JSON.stringify(process.execPath)).replaceAll('FIXTURES', fixtures)}
tasks:
  - { id: upload, name: Upload schedule, type: schedule, service: booking, role: reception, interval: 1s, maxInterval: 1s, handler: { kind: module, module: ${join(fixtures, 'alerts', 'flaky.mjs')}, options: { flag: ${JSON.stringify(flag)}, apiKey: "\${SERVICE_KEY}" } } }
  - { id: night, name: Night export, type: export, service: booking, role: night-shift, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'engine', 'ok.mjs')} } }
`,
  );
  return { config, db: url, env: { ...env, ALERT_TOKEN, SERVICE_KEY }, flag, stdinFile };
}

const stdinLines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { env: string; stdin: string })
    : [];

describe.each(STORE_KINDS)('%s store', (kind) => {
  const database = useStoreLocation(kind, 'syncdeck-alerts-db-');
  const setup = (alerts: string) => writeSetup(database().location, alerts);

  function engine(
    paths: { config: string; db: string; env: Record<string, string> },
    host: string,
    args: string[] = [],
  ): SyncdeckProcess {
    const p = startSyncdeck(['engine', '--config', paths.config, '--db', paths.db, ...args], {
      ...paths.env,
      SYNCDECK_HOSTNAME: host,
    });
    running.push(p);
    return p;
  }

  // The receiver is down for its first request: that alert is retried and arrives once it is back.
  it.each([2, 3])(
    '%i engines send exactly one failing, one recovered, one unrunnable and one runnable, to a webhook (500, then 200) and a command, without a secret or a control character',
    { timeout: 120_000 },
    async (count) => {
      const hook = await receiver((n) => (n === 1 ? 500 : 200));
      const paths = setup(`alerts:
  failingAfter: 2
  unrunnableAfter: 2s
  retryInterval: 1s
  channels:
    - { kind: webhook, name: chat, url: "${hook.url}", headers: { Authorization: "Bearer \${ALERT_TOKEN}" } }
    - { kind: command, name: mail, command: NODE, args: ["FIXTURES/alerts/record-stdin.mjs", STDIN_FILE] }`);
      writeFileSync(paths.flag, '');
      const engines = Array.from({ length: count }, (_, i) => engine(paths, `host-${i + 1}`));
      await until(
        'failing and unrunnable',
        () => hook.of('failing', 'upload').length > 0 && hook.of('unrunnable', 'night').length > 0,
      );
      unlinkSync(paths.flag);
      await until('recovered', () => hook.of('recovered', 'upload').length > 0);
      const nightShift = engine(paths, 'night-pc', ['--user', 'night']);
      await until('runnable', () => hook.of('runnable', 'night').length > 0);
      // Give every engine time to decide again, and to get it wrong: more runs of the task, more looks at who may run what.
      const all = [...engines, nightShift];
      const successes = () =>
        all.flatMap((e) =>
          e.lines.filter(
            (l) => isEvent('run-finished', 'upload')(l) && (l.run as { outcome: string }).outcome === 'success',
          ),
        ).length;
      const already = successes();
      await until('two more successful runs', () => successes() >= already + 2);
      await until('the command channel', () => stdinLines(paths.stdinFile).length >= 4);

      const [refused, ...answered] = hook.got;
      expect(refused!.status).toBe(500);
      expect(answered.map((r) => `${r.status} ${String(r.body.event)} ${String(r.body.taskId)}`).sort()).toEqual([
        '200 failing upload',
        '200 recovered upload',
        '200 runnable night',
        '200 unrunnable night',
      ]);
      expect(answered.filter((r) => r.body.alertId === refused!.body.alertId)).toHaveLength(1);
      // The engine that tried logged the failed attempt and when it tries again.
      const failed = all.flatMap((e) => e.lines.filter((l) => l.event === 'alert-delivery-failed'));
      expect(failed).toEqual([
        expect.objectContaining({
          alertId: refused!.body.alertId,
          channel: 'chat',
          status: 500,
          message: 'HTTP 500: upstream is down',
          state: 'pending',
        }),
      ]);

      const failing = hook.of('failing')[0]!.body;
      expect(failing).toMatchObject({
        taskId: 'upload',
        taskName: 'Upload schedule',
        service: 'booking',
        serviceName: 'Online booking',
        type: 'schedule',
        failures: 2,
        run: { outcome: 'error', errorClass: 'auth' },
      });
      expect(failing.text).toMatch(
        /^Upload schedule \(Online booking\) failing since \d\d:\d\d, 2 runs: 401 Unauthorized: key \*\*\* rejected — syncdeck show \d+$/,
      );
      expect(hook.of('runnable')[0]!.body).toMatchObject({ taskId: 'night', runnableOn: ['night@night-pc'] });
      for (const r of hook.got) {
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers.authorization).toBe(`Bearer ${ALERT_TOKEN}`);
        expect(r.raw).not.toContain(SERVICE_KEY);
        expect(r.raw).not.toContain(ALERT_TOKEN);
        for (const s of strings(r.body)) expect(s).not.toMatch(CONTROLS);
      }

      // The command got the same JSON on stdin, once per alert, with the event in its environment.
      const mailed = stdinLines(paths.stdinFile);
      expect(mailed.map((m) => m.env).sort()).toEqual(['failing', 'recovered', 'runnable', 'unrunnable']);
      for (const m of mailed) {
        const body = JSON.parse(m.stdin) as Record<string, unknown>;
        expect(body.event).toBe(m.env);
        expect(answered.find((r) => r.body.alertId === body.alertId)?.raw).toBe(m.stdin.trim());
        expect(m.stdin).not.toContain(SERVICE_KEY);
      }

      // Every attempt is recorded: the refused one, then the one that got through.
      const listed = await runSyncdeck(['alerts', '--json', '--config', paths.config, '--db', paths.db], paths.env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).not.toContain(SERVICE_KEY);
      const alerts = JSON.parse(listed.stdout) as {
        id: number;
        event: string;
        deliveries: {
          channel: string;
          state: string;
          attempts: number;
          attemptLog: { ok: boolean; status: number }[];
        }[];
      }[];
      expect(alerts.map((a) => a.event).sort()).toEqual(['failing', 'recovered', 'runnable', 'unrunnable']);
      for (const a of alerts) {
        const retried = a.id === refused!.body.alertId;
        expect(a.deliveries.map((d) => [d.channel, d.state, d.attempts])).toEqual([
          ['chat', 'delivered', retried ? 2 : 1],
          ['mail', 'delivered', 1],
        ]);
        if (retried)
          expect(a.deliveries[0]!.attemptLog.map((x) => [x.ok, x.status])).toEqual([
            [false, 500],
            [true, 200],
          ]);
      }

      for (const e of all) e.child.kill('SIGTERM');
      for (const e of all) expect(await e.exited).toBe(0);
    },
  );
});

// The CLI's side of `alerts test` does not depend on the store: SQLite only.
describe('alerts test', () => {
  const database = useStoreLocation('sqlite', 'syncdeck-alerts-db-');
  const setup = (alerts: string) => writeSetup(database().location, alerts);

  it(
    'alerts test sends a test alert to every channel, a command gets the JSON on stdin, and says what each answered',
    { timeout: 60_000 },
    async () => {
      const hook = await receiver();
      const paths = setup(`alerts:
  channels:
    - { kind: webhook, url: "${hook.url}", headers: { Authorization: "Bearer \${ALERT_TOKEN}" } }
    - { kind: command, command: NODE, args: ["FIXTURES/alerts/record-stdin.mjs", STDIN_FILE] }
    - { kind: command, name: relay, command: NODE, args: ["FIXTURES/alerts/refuse.mjs"] }`);
      const tested = await runSyncdeck(
        ['alerts', 'test', '--json', '--config', paths.config, '--db', paths.db],
        paths.env,
      );
      expect(tested.code).toBe(1);
      expect(JSON.parse(tested.stdout)).toEqual([
        { channel: 'webhook', kind: 'webhook', ok: true, status: 200, message: 'HTTP 200: ok' },
        { channel: 'command', kind: 'command', ok: true, status: 0, message: 'exit 0: queued for mail' },
        { channel: 'relay', kind: 'command', ok: false, status: 3, message: 'exit 3: sendmail: relay denied' },
      ]);
      expect(hook.got).toHaveLength(1);
      expect(hook.got[0]!.body).toMatchObject({
        event: 'test',
        taskId: null,
        text: `syncdeck test alert from ${me}@${process.env.SYNCDECK_HOSTNAME || hostname()}: alerts reach this channel`,
      });
      const [mailed] = stdinLines(paths.stdinFile);
      expect(mailed!.env).toBe('test');
      expect(JSON.parse(mailed!.stdin)).toMatchObject({ event: 'test', alertId: expect.any(Number) as unknown });

      const plain = await runSyncdeck(['alerts', 'test', '--config', paths.config, '--db', paths.db], paths.env);
      expect(plain.code).toBe(1);
      expect(plain.stdout.split('\n')).toEqual([
        'webhook (webhook): delivered — HTTP 200: ok',
        'command (command): delivered — exit 0: queued for mail',
        'relay (command): FAILED — exit 3: sendmail: relay denied',
        '',
      ]);
      // Tests are recorded like any alert, and never retried.
      const listed = JSON.parse(
        (
          await runSyncdeck(
            ['alerts', '--json', '--limit', '10', '--config', paths.config, '--db', paths.db],
            paths.env,
          )
        ).stdout,
      ) as { event: string; deliveries: { channel: string; state: string }[] }[];
      expect(listed.map((a) => a.event)).toEqual(['test', 'test', 'test', 'test', 'test', 'test']);
      expect(listed.flatMap((a) => a.deliveries.map((d) => `${d.channel} ${d.state}`)).sort()).toEqual([
        'command delivered',
        'command delivered',
        'relay failed',
        'relay failed',
        'webhook delivered',
        'webhook delivered',
      ]);
    },
  );

  it('alerts test without channels is a usage error; bad arguments say what is accepted', async () => {
    const paths = setup('');
    const tested = await runSyncdeck(['alerts', 'test', '--config', paths.config, '--db', paths.db], paths.env);
    expect(tested.code).toBe(2);
    expect(tested.stderr).toBe(
      'syncdeck: alerts test: the config has no alert channels (add an alerts section: see docs/alerts.md)\n',
    );
    const bad = await runSyncdeck(['alerts', 'send', '--config', paths.config, '--db', paths.db], paths.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('alerts: unexpected argument "send" (use: syncdeck alerts, or syncdeck alerts test)');
    const none = await runSyncdeck(['alerts', '--config', paths.config, '--db', paths.db], paths.env);
    expect(none).toMatchObject({
      code: 0,
      stdout: 'no alerts: the config has no alerts section (see docs/alerts.md)\n',
    });
  });
});
