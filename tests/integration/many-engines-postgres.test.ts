// Thirty headless engines on a PostgreSQL server with max_connections = 40 (a server of
// the test's own): all start and run tasks, none logs a storage error, and each holds one
// connection (pg_stat_activity shows each engine's pid at most once). A command that finds
// no connection to spare says so in one line, exit 2.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, type RunRow } from '../../src/db/index.js';
import { startSmallCluster, type SmallCluster } from '../helpers/small-pg-cluster.js';
import { PG_URL } from '../helpers/stores.js';
import { isEvent, runSyncdeck, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

const ENGINES = 30;
const TASKS = 45;
const ok = join(process.cwd(), 'tests', 'fixtures', 'engine', 'ok.mjs');

function writeConfig(dir: string): string {
  const file = join(dir, 'syncdeck.yaml');
  const tasks = Array.from(
    { length: TASKS },
    (_, i) =>
      `  - { id: t${i}, name: Task ${i}, type: sync, service: tel, role: ops, interval: 1h, handler: { kind: module, module: ${JSON.stringify(ok)} } }`,
  );
  writeFileSync(
    file,
    [
      `users:`,
      `  - { name: ${JSON.stringify(userInfo().username)}, roles: [ops] }`,
      `services:`,
      `  - { id: tel, name: Telephony, baseUrl: "http://127.0.0.1:9" }`,
      `tasks:`,
      ...tasks,
      '',
    ].join('\n'),
  );
  return file;
}

function overlapping(runs: RunRow[]): RunRow[] {
  const bad: RunRow[] = [];
  const byTask = new Map<string, RunRow[]>();
  for (const r of runs) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
  for (const list of byTask.values()) {
    list.sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < list.length; i++)
      if (list[i - 1]!.finishedAt === null || list[i]!.startedAt < list[i - 1]!.finishedAt!) bad.push(list[i]!);
  }
  return bad;
}

// Where the suite has PostgreSQL (CI always does), it also has the server binaries this needs.
if (PG_URL) {
  describe('thirty engines on a PostgreSQL server with max_connections = 40', () => {
    let cluster: SmallCluster;
    let dir: string;
    const engines: SyncdeckProcess[] = [];
    const held: pg.Client[] = [];

    beforeAll(async () => {
      dir = makeTempDir('syncdeck-many-pg-');
      cluster = await startSmallCluster(40);
    }, 120_000);

    afterAll(async () => {
      await Promise.all(held.map((c) => c.end().catch(() => undefined)));
      for (const e of engines) if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
      await Promise.all(engines.map((e) => e.exited));
      await cluster?.stop();
      removeTempDir(dir);
    }, 60_000);

    it(
      'all start and run, none logs a storage error, one connection each; a command with none to spare exits 2 in one line',
      { timeout: 120_000 },
      async () => {
        const config = writeConfig(dir);
        // Migrations and definitions on a new database: the first instance does them, the others find nothing to do.
        for (let i = 0; i < ENGINES; i++)
          engines.push(startSyncdeck(['engine', '--config', config, '--db', cluster.url]));
        // An engine that gives up says why at once (instead of the test timing out).
        const started = (e: SyncdeckProcess) =>
          Promise.race([
            e.waitFor(isEvent('engine-started'), 'engine-started'),
            e.exited.then((code) => {
              throw new Error(`an engine exited (${code}) before it started: ${e.stderr.join(' | ')}`);
            }),
          ]);
        await Promise.all(engines.map(started));

        const watcher = new pg.Client({ connectionString: cluster.url });
        await watcher.connect();
        held.push(watcher);
        const store = openStore(cluster.url, { label: 'test' });
        try {
          // Every task runs once (interval 1h), shared among the engines.
          let runs: RunRow[] = [];
          await vi.waitFor(
            async () => {
              runs = await store.historyPage({ filter: {}, limit: 1_000 });
              expect(runs.length).toBeGreaterThanOrEqual(TASKS);
              expect(runs.filter((r) => r.outcome === 'running')).toEqual([]);
            },
            { timeout: 60_000, interval: 200 },
          );
          expect(runs.filter((r) => r.outcome !== 'success')).toEqual([]);
          expect(new Set(runs.map((r) => r.taskId)).size).toBe(TASKS);
          expect(overlapping(runs)).toEqual([]);

          const { rows } = await watcher.query<{ name: string; n: number }>(
            `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity WHERE datname = 'syncdeck' AND application_name LIKE 'syncdeck engine %' GROUP BY 1`,
          );
          expect(rows.filter((r) => r.n > 1)).toEqual([]);
          expect(rows.length).toBeLessThanOrEqual(ENGINES);
          const pids = new Set(engines.map((e) => `syncdeck engine ${e.child.pid}`));
          expect(rows.every((r) => pids.has(r.name))).toBe(true);
        } finally {
          await store.close();
        }

        // Take every connection left (37 for non-superusers: 3 are reserved), then ask for one more.
        for (;;) {
          const c = new pg.Client({ connectionString: cluster.url });
          try {
            await c.connect();
          } catch (err) {
            expect((err as { code?: string }).code).toBe('53300');
            break;
          }
          held.push(c);
        }
        const refused = await runSyncdeck(['status', '--config', config, '--db', cluster.url]);
        expect(refused.code).toBe(2);
        expect(refused.stdout).toBe('');
        expect(refused.stderr).toMatch(
          /^syncdeck: postgres:\/\/syncdeck:\*\*\*@127\.0\.0\.1:\d+\/syncdeck: cannot open the database: the server has no connection to spare \(max_connections\): .+\n$/,
        );

        for (const e of engines) e.child.kill('SIGTERM');
        expect(new Set(await Promise.all(engines.map((e) => e.exited)))).toEqual(new Set([0]));
        for (const e of engines) {
          expect(e.lines.filter((l) => l.event === 'storage-error' || l.event === 'storage-recovered')).toEqual([]);
          expect(e.stderr).toEqual([]);
        }
      },
    );
  });
}
