// `syncdeck instances --json` with real engines on one database, on every store: every live
// instance with who started it where and what it runs now; a SIGKILLed engine leaves the
// list once its heartbeat is older than the lease TTL (docs/instances-and-trends.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isEvent, runSyncdeck, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { STORE_KINDS, useStoreLocation, withPasswordInEnv } from '../helpers/stores.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-instances-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'engine');
const me = userInfo().username;
const TTL_MS = 2_000;
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

interface InstanceJson {
  label: string;
  user: string;
  host: string;
  pid: number;
  kind: string;
  version: string | null;
  roles: string[];
  startedAt: string;
  heartbeatAt: string;
  clockSkewMs: number | null;
  running: string[];
  id: string;
  osUser: string;
  schedules: boolean;
}

const running: SyncdeckProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

describe.each(STORE_KINDS)('%s store', (kind) => {
  const database = useStoreLocation(kind, 'syncdeck-instances-db-');

  it(
    'lists both engines with what each runs; the SIGKILLed one is gone once its heartbeat is older than the lease TTL',
    { timeout: 90_000 },
    async () => {
      const { url, env } = withPasswordInEnv(database().location);
      const config = join(dir(), 'syncdeck.yaml');
      writeFileSync(
        config,
        `engine: { leaseTtl: ${TTL_MS / 1000}s, heartbeat: 1s, stopGrace: 1s }
users:
  - { name: ${JSON.stringify(me)}, roles: [reception], permissions: [integration-settings] }
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
tasks:
  - { id: long, name: Long, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'long.mjs')} } }
`,
      );
      const engine = (host: string) => {
        const p = startSyncdeck(['engine', '--config', config, '--db', url], { ...env, SYNCDECK_HOSTNAME: host });
        running.push(p);
        return p;
      };
      const list = async (): Promise<{ at: number; instances: InstanceJson[] }> => {
        const at = Date.now();
        const r = await runSyncdeck(['instances', '--json', '--config', config, '--db', url], env);
        expect(r.code, r.stderr).toBe(0);
        return { at, instances: JSON.parse(r.stdout) as InstanceJson[] };
      };

      const a = engine('host-a');
      await a.waitFor(isEvent('run-started', 'long'), 'the run on host-a');
      const b = engine('host-b');
      await b.waitFor(isEvent('engine-started'), 'engine-started on host-b');

      const both = (await list()).instances;
      expect(both.map((i) => i.label)).toEqual([`${me}@host-a`, `${me}@host-b`]);
      const [ia, ib] = both as [InstanceJson, InstanceJson];
      expect(ia).toMatchObject({
        user: me,
        osUser: me,
        host: 'host-a',
        pid: a.child.pid,
        kind: 'engine',
        version: VERSION,
        roles: ['reception'],
        running: ['long'],
        schedules: true,
      });
      expect(ib).toMatchObject({ host: 'host-b', pid: b.child.pid, kind: 'engine', running: [] });
      for (const i of both) {
        expect(new Date(i.startedAt).toISOString()).toBe(i.startedAt);
        expect(Date.parse(i.heartbeatAt)).toBeGreaterThanOrEqual(Date.parse(i.startedAt));
        if (kind === 'postgres') expect(typeof i.clockSkewMs).toBe('number');
        else expect(i.clockSkewMs).toBeNull();
      }
      // The table says the same in words.
      const table = await runSyncdeck(['instances', '--config', config, '--db', url], env);
      expect(table.stdout).toMatch(
        new RegExp(`^${me}@host-a\\s+engine\\s+${a.child.pid}\\s+${VERSION.replace(/\./g, '\\.')}\\s.*\\slong$`, 'm'),
      );

      a.child.kill('SIGKILL');
      await a.exited;
      // Listed while its last heartbeat is within the lease TTL, never after.
      let heartbeat = Date.parse(ia.heartbeatAt);
      for (;;) {
        const { at, instances } = await list();
        const seen = instances.find((i) => i.host === 'host-a');
        if (!seen) break;
        heartbeat = Date.parse(seen.heartbeatAt);
        expect(at).toBeLessThanOrEqual(heartbeat + TTL_MS);
      }
      const after = await list();
      expect(after.at).toBeGreaterThan(heartbeat);
      expect(after.instances.map((i) => i.label)).toEqual([`${me}@host-b`]);

      // host-b takes the task over; the run host-a left is an interruption in the task's recent runs.
      await b.waitFor(isEvent('run-started', 'long'), 'the run again on host-b');
      expect((await list()).instances[0]?.running).toEqual(['long']);
      const status = JSON.parse(
        (await runSyncdeck(['status', '--json', '--config', config, '--db', url], env)).stdout,
      ) as { recent: { outcome: string }[] }[];
      expect(status[0]?.recent.map((r) => r.outcome)).toEqual(['interrupted']);
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
    },
  );
});
