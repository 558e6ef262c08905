// An interruption is not a broken integration (docs/ARCHITECTURE.md, Schedule and backoff):
// real engines on one database, on every store. A run whose instance is stopped or killed
// runs again on another instance without backoff; a run that kills every instance it runs
// on counts as a failure at the third interruption in a row, so the fleet survives.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type TaskRow } from '../../src/db/index.js';
import { isEvent, runSyncdeck, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { STORE_KINDS, useStoreLocation, withPasswordInEnv } from '../helpers/stores.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-interrupt-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'engine');
const me = userInfo().username;
const HOUR_MS = 3_600_000;

const running: SyncdeckProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

const runOf = (line: Record<string, unknown>) =>
  line.run as { id: number; taskId: string; outcome: string; instance: string };

describe.each(STORE_KINDS)('%s store', (kind) => {
  const database = useStoreLocation(kind, 'syncdeck-interrupt-db-');

  function setup(module: string, extraUsers = ''): { config: string; db: string; env: Record<string, string> } {
    const { url, env } = withPasswordInEnv(database().location);
    const config = join(dir(), 'syncdeck.yaml');
    writeFileSync(
      config,
      `engine: { leaseTtl: 2s, heartbeat: 1s, stopGrace: 1s }
users:
  - { name: ${JSON.stringify(me)}, roles: [reception], permissions: [integration-settings] }${extraUsers}
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
tasks:
  - { id: long, name: Long, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, module)} } }
`,
    );
    return { config, db: url, env };
  }

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

  async function task(): Promise<TaskRow> {
    const store = openStore(database().location);
    try {
      return (await store.getTask('long'))!;
    } finally {
      await store.close();
    }
  }

  it('SIGTERM mid-run: another instance runs the task again at once, and its interval, failures and failing-since stay as they were', async () => {
    const paths = setup('long.mjs');
    const a = engine(paths, 'host-a');
    const first = runOf(await a.waitFor(isEvent('run-started', 'long'), 'run-started on host-a'));
    const b = engine(paths, 'host-b');
    await b.waitFor(isEvent('engine-started'), 'engine-started on host-b');
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    const second = runOf(await b.waitFor(isEvent('run-started', 'long'), 'the run again on host-b'));
    expect(second.id).toBeGreaterThan(first.id);
    const row = await task();
    expect(row).toMatchObject({ failures: 0, failingSince: null, effectiveIntervalMs: HOUR_MS, interruptions: 1 });
    const status = JSON.parse(
      (await runSyncdeck(['status', '--json', '--config', paths.config, '--db', paths.db], paths.env)).stdout,
    ) as Record<string, unknown>[];
    expect(status[0]).toMatchObject({
      status: 'running',
      failures: 0,
      failingSince: null,
      nextRunAt: null,
      runningOnLabel: `${me}@host-b`,
      intervalSec: 3600,
      effectiveIntervalSec: 3600,
    });
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  });

  it('SIGKILL mid-run: once the lease expires another instance runs it, without backoff', async () => {
    const paths = setup('long.mjs');
    const a = engine(paths, 'host-a');
    const first = runOf(await a.waitFor(isEvent('run-started', 'long'), 'run-started on host-a'));
    const b = engine(paths, 'host-b');
    await b.waitFor(isEvent('engine-started'), 'engine-started on host-b');
    a.child.kill('SIGKILL');
    await a.exited;
    const second = runOf(await b.waitFor(isEvent('run-started', 'long'), 'the run again on host-b'));
    expect(second.id).toBeGreaterThan(first.id);
    const row = await task();
    expect(row).toMatchObject({ failures: 0, failingSince: null, effectiveIntervalMs: HOUR_MS, interruptions: 1 });
    const shown = JSON.parse(
      (await runSyncdeck(['show', String(first.id), '--json', '--config', paths.config, '--db', paths.db], paths.env))
        .stdout,
    ) as Record<string, unknown>;
    expect(shown).toMatchObject({
      outcome: 'interrupted',
      instanceLabel: `${me}@host-a`,
      instanceKind: 'engine',
      interruptedInARow: 1,
    });
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  });

  it(
    'a run that kills its instance takes down three instances, then counts as a failure and the fleet survives',
    { timeout: 60_000 },
    async () => {
      const paths = setup('kill-self.mjs');
      const hosts = ['host-a', 'host-b', 'host-c', 'host-d'];
      const engines = hosts.map((h) => engine(paths, h));
      await Promise.all(engines.map((e) => e.waitFor(isEvent('engine-started'), 'engine-started')));
      // Three die, one after another as each lease expires; the fourth recovers the third run and backs off.
      const deaths: (number | null)[] = [];
      await new Promise<void>((resolve) => {
        for (const e of engines) void e.exited.then((code) => (deaths.push(code), deaths.length === 3 && resolve()));
      });
      const survivor = engines.find((e) => e.child.exitCode === null && e.child.signalCode === null)!;
      expect(survivor).toBeDefined();
      const counted = await waitForRow(paths.db, (t) => t.failures === 1);
      expect(counted).toMatchObject({
        interruptions: 3,
        failures: 1,
        effectiveIntervalMs: 2 * HOUR_MS,
        lastOutcome: 'interrupted',
      });
      expect(counted.nextRunAt! - Date.now()).toBeGreaterThan(HOUR_MS);
      const history = JSON.parse(
        (await runSyncdeck(['history', '--errors', '--json', '--config', paths.config, '--db', paths.db], paths.env))
          .stdout,
      ) as { id: number; outcome: string }[];
      expect(history.map((r) => r.outcome)).toEqual(['interrupted', 'interrupted', 'interrupted']);
      const shown = await runSyncdeck(
        ['show', String(history[0]!.id), '--config', paths.config, '--db', paths.db],
        paths.env,
      );
      expect(shown.stdout).toContain('interrupted 3 times in a row (counted as a failure)');
      const status = JSON.parse(
        (await runSyncdeck(['status', '--json', '--config', paths.config, '--db', paths.db], paths.env)).stdout,
      ) as Record<string, unknown>[];
      expect(status[0]).toMatchObject({ failures: 1, interruptions: 3, effectiveIntervalSec: 7200, status: 'waiting' });
      expect(status[0]!.failingSince).not.toBeNull();
      survivor.child.kill('SIGTERM');
      expect(await survivor.exited).toBe(0);
    },
  );

  it('runnableOn follows an engine of the role as it starts and stops; no next run while nobody has the role', async () => {
    const paths = setup('long.mjs', '\n  - { name: olga, roles: [reception] }');
    // The task's role is reception; this user's own engine would run it: acts as nobody else here but olga.
    const status = async () =>
      JSON.parse(
        (await runSyncdeck(['status', '--json', '--config', paths.config, '--db', paths.db], paths.env)).stdout,
      ) as Record<string, unknown>[];
    expect((await status())[0]).toMatchObject({ runnableOn: [], nextRunAt: null, notRunnableReason: 'no-instance' });
    const olga = engine(paths, 'ws-3', ['--user', 'olga']);
    await olga.waitFor(isEvent('run-started', 'long'), 'run-started on olga@ws-3');
    expect((await status())[0]).toMatchObject({
      runnableOn: ['olga@ws-3'],
      runningOnLabel: 'olga@ws-3',
      nextRunAt: null,
      status: 'running',
    });
    olga.child.kill('SIGTERM');
    expect(await olga.exited).toBe(0);
    expect((await status())[0]).toMatchObject({
      runnableOn: [],
      nextRunAt: null,
      notRunnableReason: 'no-instance',
      lastOutcome: 'interrupted',
    });
  });

  it('run --json prints JSON on exit 3 (running elsewhere) and on refusals', async () => {
    const paths = setup('long.mjs');
    const a = engine(paths, 'host-a');
    const started = runOf(await a.waitFor(isEvent('run-started', 'long'), 'run-started on host-a'));
    const second = await runSyncdeck(['run', 'long', '--json', '--config', paths.config, '--db', paths.db], {
      ...paths.env,
      SYNCDECK_HOSTNAME: 'host-b',
    });
    expect(second.code).toBe(3);
    expect(JSON.parse(second.stdout)).toMatchObject({
      error: 'running-elsewhere',
      taskId: 'long',
      runningOn: started.instance,
      runningOnLabel: `${me}@host-a`,
      runId: started.id,
    });
    const unknown = await runSyncdeck(['run', 'nope', '--json', '--config', paths.config, '--db', paths.db], paths.env);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({
      error: 'unknown-task',
      taskId: 'nope',
      message: 'no task "nope"',
    });
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
  });

  /** Polls the task row until `done` holds (another process writes it). */
  async function waitForRow(db: string, done: (t: TaskRow) => boolean, timeoutMs = 20_000): Promise<TaskRow> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await task();
      if (done(row)) return row;
      if (Date.now() > deadline) throw new Error(`task row never matched: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});
