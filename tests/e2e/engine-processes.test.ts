// Real `syncdeck engine` processes on one database, on every store: exclusivity,
// SIGKILL recovery, cross-process stop, and "repeat" for a second start. The engines
// claim different host names, so only lease expiry (never a dead pid) frees a task.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type RunRow } from '../../src/db/index.js';
import { isEvent, runSyncdeck, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { STORE_KINDS, passwordOf, useStoreLocation, withPasswordInEnv } from '../helpers/stores.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-procs-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'engine');
const me = userInfo().username;
/** Three engines share the database this long (SYNCDECK_SOAK_SECONDS overrides; the issue asks for a minute). */
const SOAK_MS = Number(process.env.SYNCDECK_SOAK_SECONDS ?? 60) * 1000;

const running: SyncdeckProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

async function allRuns(db: string): Promise<RunRow[]> {
  const store = openStore(db);
  try {
    return (await store.historyPage({ filter: {}, limit: 1_000_000 })).reverse();
  } finally {
    await store.close();
  }
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  const database = useStoreLocation(kind, 'syncdeck-procs-db-');
  /** The SIGKILL and stop tests hand a PostgreSQL password over in PGPASSWORD; the soak, in the URL. */
  const viaEnv = () => withPasswordInEnv(database().location);

  function writeConfig(
    tasks: string,
    engine = '{ leaseTtl: 3s, heartbeat: 1s, stopGrace: 1s }',
  ): { config: string; db: string } {
    const config = join(dir(), 'syncdeck.yaml');
    writeFileSync(
      config,
      `engine: ${engine}
users:
  - { name: ${JSON.stringify(me)}, roles: [reception], permissions: [integration-settings] }
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
tasks:
${tasks}`,
    );
    return { config, db: database().location };
  }

  function engine(
    paths: { config: string; db: string },
    host: string,
    env: Record<string, string> = {},
  ): SyncdeckProcess {
    const p = startSyncdeck(['engine', '--config', paths.config, '--db', paths.db], {
      SYNCDECK_HOSTNAME: host,
      ...env,
    });
    running.push(p);
    return p;
  }

  describe('syncdeck engine (three processes)', () => {
    it(
      'never runs one task twice at the same time, and accounts for every run',
      { timeout: SOAK_MS + 60_000 },
      async () => {
        const paths = writeConfig(
          ['a', 'b', 'c']
            .map(
              (id) =>
                `  - { id: ${id}, name: Task ${id}, type: calls, service: telephony, role: reception, interval: 1s, maxInterval: 2s, handler: { kind: module, module: ${join(fixtures, 'work.mjs')} } }`,
            )
            .join('\n'),
        );
        const engines = ['host-a', 'host-b', 'host-c'].map((h) => engine(paths, h));
        await Promise.all(engines.map((e) => e.waitFor(isEvent('engine-started'), 'engine-started')));
        await new Promise((r) => setTimeout(r, SOAK_MS)); // the soak itself: time is what is being tested
        for (const e of engines) e.child.kill('SIGTERM');
        expect(await Promise.all(engines.map((e) => e.exited))).toEqual([0, 0, 0]);

        const runs = await allRuns(paths.db);
        expect(runs.length).toBeGreaterThan(10);
        expect(runs.filter((r) => r.outcome === 'running')).toEqual([]);
        for (const task of ['a', 'b', 'c']) {
          const mine = runs.filter((r) => r.taskId === task).sort((x, y) => x.startedAt - y.startedAt || x.id - y.id);
          for (let i = 1; i < mine.length; i++)
            expect(mine[i]!.startedAt).toBeGreaterThanOrEqual(mine[i - 1]!.finishedAt!);
          const epochs = mine.map((r) => r.epoch);
          expect(new Set(epochs).size).toBe(epochs.length);
        }
        expect(new Set(runs.map((r) => r.instanceId)).size).toBeGreaterThan(1);
        const logged = engines.flatMap((e) =>
          e.lines.filter(isEvent('run-finished')).map((l) => (l.run as { id: number }).id),
        );
        expect(new Set(logged)).toEqual(new Set(runs.map((r) => r.id)));
        expect(engines.flatMap((e) => e.stderr)).toEqual([]);
        const password = passwordOf(paths.db);
        if (password) {
          for (const e of engines)
            expect(e.lines.find(isEvent('engine-started'))?.database).toMatch(/^postgres:\/\/[^:]+:\*\*\*@/);
          expect(JSON.stringify(engines.map((e) => e.lines))).not.toContain(password);
        }
      },
    );
  });

  describe('syncdeck engine (failures)', () => {
    it("marks a SIGKILLed instance's run interrupted and another host takes the task after the lease expires", async () => {
      const { url, env } = viaEnv();
      const paths = {
        ...writeConfig(
          `  - { id: long, name: Long, type: calls, service: telephony, role: reception, interval: 1s, handler: { kind: module, module: ${join(fixtures, 'long.mjs')} } }`,
        ),
        db: url,
      };
      const a = engine(paths, 'host-a', env);
      const started = await a.waitFor(isEvent('run-started', 'long'), 'run-started');
      a.child.kill('SIGKILL');
      await a.exited;
      const b = engine(paths, 'host-b', env);
      const taken = await b.waitFor(isEvent('run-started', 'long'), 'run-started on host-b');
      const runs = await allRuns(database().location);
      const first = runs.find((r) => r.id === (started.run as { id: number }).id)!;
      const second = runs.find((r) => r.id === (taken.run as { id: number }).id)!;
      expect(first.outcome).toBe('interrupted');
      expect(second.instanceId).toContain('host-b');
      expect(second.epoch).toBeGreaterThan(first.epoch);
      // host-b is another computer: it could not see that a's pid died, so it waited for the lease.
      expect(second.startedAt - first.startedAt).toBeGreaterThanOrEqual(3000);
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
    });

    it('stops a run in another process (`syncdeck stop`) and refuses a second start with exit 3', async () => {
      const { url, env } = viaEnv();
      const paths = {
        ...writeConfig(
          `  - { id: long, name: Long, type: calls, service: telephony, role: reception, interval: 1m, handler: { kind: module, module: ${join(fixtures, 'long.mjs')} } }`,
        ),
        db: url,
      };
      const a = engine(paths, 'host-a', env);
      const started = await a.waitFor(isEvent('run-started', 'long'), 'run-started');

      const second = await runSyncdeck(['run', 'long', '--config', paths.config, '--db', paths.db], {
        ...env,
        SYNCDECK_HOSTNAME: 'host-b',
      });
      expect(second.code).toBe(3);
      expect(second.stderr).toContain('already running on');

      const stop = await runSyncdeck(['stop', 'long', '--config', paths.config, '--db', paths.db], {
        ...env,
        SYNCDECK_HOSTNAME: 'host-c',
      });
      expect(stop.code).toBe(0);
      expect(stop.stdout).toContain('ended: cancelled');
      const finished = await a.waitFor(isEvent('run-finished', 'long'), 'run-finished');
      expect(finished.run).toMatchObject({
        id: (started.run as { id: number }).id,
        outcome: 'cancelled',
        stoppedBy: me,
      });
      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
    });

    it('records its runs interrupted and releases leases on SIGTERM', async () => {
      const paths = writeConfig(
        `  - { id: long, name: Long, type: calls, service: telephony, role: reception, interval: 1m, handler: { kind: module, module: ${join(fixtures, 'long.mjs')} } }`,
      );
      const a = engine(paths, 'host-a');
      await a.waitFor(isEvent('run-started', 'long'), 'run-started');
      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      const [run] = await allRuns(paths.db);
      expect(run).toMatchObject({ outcome: 'interrupted', message: 'syncdeck engine stopped (SIGTERM)' });
      const store = openStore(paths.db);
      expect((await store.getTask('long'))!.leaseOwner).toBeNull();
      await store.close();
    });
  });
});
