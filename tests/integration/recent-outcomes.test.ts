// `status --json` gains `recent`: the task's last finished runs, oldest first, with their
// outcomes and durations, read by the real `syncdeck` after real runs on every store.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSyncdeck } from '../helpers/syncdeck-process.js';
import { STORE_KINDS, useStoreLocation, withPasswordInEnv } from '../helpers/stores.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-recent-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'engine');
const me = userInfo().username;

describe.each(STORE_KINDS)('%s store', (kind) => {
  const database = useStoreLocation(kind, 'syncdeck-recent-db-');

  it('after a mix of outcomes, status --json lists them oldest first with their durations; a task never run has none', { timeout: 60_000 }, async () => {
    const { url, env } = withPasswordInEnv(database().location);
    const config = join(dir(), 'syncdeck.yaml');
    writeFileSync(
      config,
      `users:
  - { name: ${JSON.stringify(me)}, roles: [admin], permissions: [integration-settings] }
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
tasks:
  - { id: mixed, name: Mixed, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'mixed.mjs')} } }
  - { id: idle, name: Idle, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'ok.mjs')} } }
`,
    );
    const args = ['--config', config, '--db', url];
    const runs: { id: number; outcome: string; durationMs: number }[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await runSyncdeck(['run', 'mixed', '--json', ...args], env);
      expect(r.code, r.stderr).toBe(r.stdout.includes('"outcome": "error"') ? 1 : 0);
      runs.push(JSON.parse(r.stdout) as { id: number; outcome: string; durationMs: number });
    }
    expect(runs.map((r) => r.outcome)).toEqual(['success', 'error', 'warning', 'success']);

    const status = await runSyncdeck(['status', '--json', ...args], env);
    expect(status.code, status.stderr).toBe(0);
    const tasks = JSON.parse(status.stdout) as { id: string; recent: { runId: number; outcome: string; durationMs: number | null }[] }[];
    const mixed = tasks.find((t) => t.id === 'mixed')!;
    expect(mixed.recent).toEqual(runs.map((r) => ({ runId: r.id, outcome: r.outcome, durationMs: r.durationMs })));
    for (const r of mixed.recent) expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(tasks.find((t) => t.id === 'idle')!.recent).toEqual([]);
  });
});
