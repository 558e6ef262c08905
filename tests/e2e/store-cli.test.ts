// The store from the command line: `--db postgres://…` with the password kept off the
// screen, the clock-skew warning of `status`, and `migrate-store` from SQLite into
// PostgreSQL (counts, resume, refusals).
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/index.js';
import { runSyncdeck } from '../helpers/syncdeck-process.js';
import { STORE_KINDS, passwordOf, pgQuery, useStoreLocation } from '../helpers/stores.js';
import { makeTempDir, removeTempDir, useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-store-cli-');
const fixtures = join(process.cwd(), 'tests', 'fixtures');
const me = userInfo().username;
const HOUR = 3_600_000;

function clinic(at = dir()): string {
  const config = join(at, 'clinic.yaml');
  writeFileSync(
    config,
    `users:
  - { name: ${JSON.stringify(me)}, roles: [reception], permissions: [integration-settings] }
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
tasks:
  - { id: calls, name: Receive calls, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'engine', 'ok.mjs')} } }
  - { id: fails, name: Failing, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'engine', 'fail-auth.mjs')} } }
`,
  );
  return config;
}

/** NODE_OPTIONS that make the syncdeck process's clock run `shiftMs` off. */
const clockOff = (shiftMs: number) => ({
  NODE_OPTIONS: `--import ${join(fixtures, 'clock-shift.mjs')}`,
  SYNCDECK_TEST_CLOCK_SHIFT_MS: String(shiftMs),
});

describe.each(STORE_KINDS)('%s store: status and the clock', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-cli-db-');

  it("warns on stderr only where the computer's clock differs from the database server's", async () => {
    const config = clinic();
    const right = await runSyncdeck(['status', '--config', config, '--db', db().location]);
    expect(right.code).toBe(0);
    expect(right.stderr).toBe('');
    const ahead = await runSyncdeck(['status', '--config', config, '--db', db().location], clockOff(HOUR));
    expect(ahead.code).toBe(0);
    expect(ahead.stdout).toContain('calls');
    // SQLite is one computer: its clock is the database's.
    if (kind === 'sqlite') expect(ahead.stderr).toBe('');
    else
      expect(ahead.stderr).toMatch(
        /^syncdeck: warning: this computer's clock is 60 min ahead of the database server's; .+\n$/,
      );
  });
});

for (const kind of STORE_KINDS.filter((k) => k === 'postgres')) {
  describe('--db postgres://…', () => {
    const db = useStoreLocation(kind, 'syncdeck-cli-pg-');

    it('never shows the password: not in output, not in errors', async () => {
      const config = clinic();
      const password = passwordOf(db().location)!;
      const ran = await runSyncdeck(['run', 'calls', '--json', '--config', config, '--db', db().location]);
      expect(ran.code).toBe(0);
      const wrong = new URL(db().location);
      wrong.password = 'not-the-password';
      const refused = await runSyncdeck(['status', '--config', config, '--db', wrong.toString()]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /^syncdeck: postgres:\/\/\w+:\*\*\*@127\.0\.0\.1:\d+\/\w+: cannot open the database: password authentication failed for user "\w+"\n$/,
      );
      for (const out of [ran.stdout, ran.stderr, refused.stdout, refused.stderr]) {
        expect(out).not.toContain(password);
        expect(out).not.toContain('not-the-password');
      }
    });
  });

  describe('syncdeck migrate-store', () => {
    const target = useStoreLocation(kind, 'syncdeck-move-');

    /**
     * An SQLite database with history: runs with logs and exchanges (manual runs record them),
     * task state, a schedule. Made once (three `syncdeck run` processes, seconds each on a
     * loaded machine) and copied for every test, which may change its copy.
     */
    let history: Promise<{ file: string; config: string }> | null = null;
    let historyDir: string | null = null;
    afterAll(() => {
      if (historyDir) removeTempDir(historyDir);
    });

    async function sqliteWithHistory(): Promise<{ file: string; config: string }> {
      history ??= makeHistory((historyDir = makeTempDir('syncdeck-move-history-')));
      const made = await history;
      const file = join(dir(), 'old.db');
      for (const suffix of ['', '-wal', '-shm'])
        if (existsSync(made.file + suffix)) copyFileSync(made.file + suffix, file + suffix);
      return { file, config: made.config };
    }

    async function makeHistory(into: string): Promise<{ file: string; config: string }> {
      const config = clinic(into);
      const file = join(into, 'old.db');
      for (const task of ['calls', 'fails', 'calls'])
        await runSyncdeck(['run', task, '--config', config, '--db', file]);
      const store = openStore(file);
      await store.setState('calls', 'cursor', { page: 7 }, Date.now());
      await store.setPaused('fails', true);
      const [last] = await store.historyPage({ filter: {}, limit: 1 });
      await store.addExchange(last!.id, {
        at: last!.startedAt + 5,
        method: 'GET',
        url: 'http://127.0.0.1:9/calls?page=2',
        requestHeaders: { authorization: '***' },
        requestBody: null,
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: '{"calls":[{"id":1,"from":"+7 900 000 00 00"}]}',
        error: null,
        durationMs: 12,
      });
      // An alert delivered once to a webhook, and an open "no instance can run it" episode.
      const at = last!.startedAt + 10;
      const alert = {
        event: 'failing' as const,
        taskId: 'fails',
        runId: last!.id,
        payload: '{"event":"failing","task":"fails"}',
        channels: ['chat'],
        createdBy: 'anna@ws-1',
        now: at,
      };
      await store.raiseAlert('failing:fails:1', alert);
      const claimed = await store.claimDelivery({
        instanceId: 'ws-1:1:ab',
        channels: ['chat'],
        now: at,
        claimMs: 30_000,
      });
      await store.finishDelivery({
        deliveryId: claimed!.delivery.id,
        instanceId: 'ws-1:1:ab',
        attempt: { at, instanceId: 'ws-1:1:ab', ok: true, status: 200, message: 'ok', durationMs: 30 },
        state: 'delivered',
        nextAttemptAt: null,
      });
      await store.openUnrunnable('calls', at);
      await store.raiseUnrunnable('calls', { ...alert, event: 'unrunnable', taskId: 'calls', runId: null });
      await store.close();
      return { file, config };
    }

    async function snapshot(location: string) {
      const store = openStore(location);
      try {
        const runs = await store.historyPage({ filter: {}, limit: 1000 });
        return {
          services: await store.listServices(),
          tasks: (await store.listTasks()).map((t) => ({
            ...t,
            leaseOwner: null,
            leaseExpiresAt: null,
            leaseRunId: null,
          })),
          runs,
          logs: await Promise.all(runs.map((r) => store.runLog(r.id))),
          exchanges: await Promise.all(runs.map((r) => store.runExchanges(r.id))),
          state: await store.getState('calls'),
          fleet: await store.fleetConfig(),
          alerts: await store.listAlerts(100),
          unrunnable: await store.listUnrunnable(),
        };
      } finally {
        await store.close();
      }
    }

    it('copies everything, prints the counts, and a second run copies nothing more', async () => {
      const { file, config } = await sqliteWithHistory();
      const moved = await runSyncdeck(['migrate-store', '--from', file, '--to', target().location]);
      expect(moved.stderr).toBe('');
      expect(moved.code).toBe(0);
      expect(moved.stdout).toMatch(/^copied .+old\.db into postgres:\/\/\w+:\*\*\*@[^\n]+:\n/);
      expect(moved.stdout).toMatch(/ runs\s+3\n/);
      expect(moved.stdout).toMatch(/ task state\s+1\n/);
      expect(moved.stdout).toContain(
        'verified: the target holds every run, log line, exchange and alert of the source',
      );
      const [before, after] = [await snapshot(file), await snapshot(target().location)];
      expect(before.runs).toHaveLength(3);
      expect(before.logs.flat().length).toBeGreaterThanOrEqual(3);
      expect(before.exchanges.flat()).toHaveLength(1);
      expect(before.fleet).not.toBeNull();
      expect(before.alerts.map((a) => [a.event, a.deliveries.map((d) => [d.state, d.attemptLog.length])])).toEqual([
        ['unrunnable', [['pending', 0]]],
        ['failing', [['delivered', 1]]],
      ]);
      expect(before.unrunnable).toMatchObject([{ taskId: 'calls', alerted: true }]);
      expect(after).toEqual(before);

      const again = await runSyncdeck(['migrate-store', '--from', file, '--to', target().location, '--json']);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({
        copied: { runs: 0, 'run logs': 0, exchanges: 0 },
        alreadyThere: { runs: 3 },
      });

      // The new home works: the next run gets the next id, and the history goes on.
      const next = await runSyncdeck(['run', 'calls', '--json', '--config', config, '--db', target().location]);
      expect(next.code).toBe(0);
      expect((JSON.parse(next.stdout) as { id: number }).id).toBe(Math.max(...before.runs.map((r) => r.id)) + 1);
    });

    it('resumes a copy that stopped half way, after the rows it already wrote', async () => {
      const { file } = await sqliteWithHistory();
      await runSyncdeck(['migrate-store', '--from', file, '--to', target().location]);
      // As if the first copy had stopped after its first run: take the rest back out.
      await pgQuery(target().location, 'DELETE FROM runs WHERE id > (SELECT min(id) FROM runs)');
      await pgQuery(target().location, 'DELETE FROM run_logs');
      await pgQuery(target().location, 'DELETE FROM run_exchanges');

      const resumed = await runSyncdeck(['migrate-store', '--from', file, '--to', target().location, '--json']);
      expect(resumed.code).toBe(0);
      const report = JSON.parse(resumed.stdout) as {
        copied: Record<string, number>;
        alreadyThere: Record<string, number>;
      };
      expect(report).toMatchObject({
        copied: { runs: 2, exchanges: 1 },
        alreadyThere: { runs: 1, 'run logs': 0, exchanges: 0 },
      });
      expect(report.copied['run logs']).toBeGreaterThanOrEqual(3);
      expect(await snapshot(target().location)).toEqual(await snapshot(file));
    });

    it('refuses a target that already holds other history, and writes nothing', async () => {
      const { file, config } = await sqliteWithHistory();
      const own = await runSyncdeck(['run', 'calls', '--config', config, '--db', target().location]);
      expect(own, own.stderr).toMatchObject({ code: 0 });
      const refused = await runSyncdeck(['migrate-store', '--from', file, '--to', target().location]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^syncdeck: migrate-store: postgres:\/\/\w+:\*\*\*@.+: already holds 1 runs that are not the first runs of .+old\.db; copy into an empty database/,
      );
      const store = openStore(target().location);
      expect(await store.countHistory({}, 100)).toBe(1);
      await store.close();
    });

    it('refuses while a task runs on the old database', async () => {
      const { file } = await sqliteWithHistory();
      const store = openStore(file);
      await store.startRun({
        taskId: 'calls',
        instanceId: 'desk-1:42:ab',
        now: Date.now(),
        leaseTtlMs: 60_000,
        trigger: 'schedule',
        startedBy: 'scheduler',
        hasDiagnostics: false,
        onlyIfDue: false,
        interruptedDetailsExpireAt: Date.now(),
      });
      await store.close();
      const refused = await runSyncdeck(['migrate-store', '--from', file, '--to', target().location]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /: task calls is running right now \(on desk-1:42:ab\); stop syncdeck on this database first\n$/,
      );
    });
  });
}

describe('syncdeck migrate-store: usage', () => {
  it('needs both --from and --to, and an existing file', async () => {
    const missing = await runSyncdeck(['migrate-store', '--from', 'x.db']);
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'syncdeck: migrate-store: give --from FILE and --to postgres://user@host:port/dbname\n',
    });
    const nofile = await runSyncdeck([
      'migrate-store',
      '--from',
      join(dir(), 'nope.db'),
      '--to',
      'postgres://anna:s3cret@127.0.0.1:1/x',
    ]);
    expect(nofile.code).toBe(2);
    expect(nofile.stderr).toBe(
      `syncdeck: ${join(dir(), 'nope.db')}: no such file (migrate-store --from names an existing syncdeck SQLite database)\n`,
    );
    const notpg = await runSyncdeck([
      'migrate-store',
      '--from',
      join(dir(), 'nope.db'),
      '--to',
      join(dir(), 'other.db'),
    ]);
    expect(notpg).toMatchObject({
      code: 2,
      stderr: 'syncdeck: migrate-store: --to must be a postgres:// URL (the SQLite file goes in --from)\n',
    });
  });
});
