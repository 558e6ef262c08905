// The SSH link drops (SIGHUP) under a `syncdeck run` and the dashboard: the run ends
// interrupted, the lease is released at once, and an instance on another host takes the
// task over at its next due time. A headless engine has no terminal: SIGHUP reloads its
// config (the daemon convention) and its run goes on; SIGTERM stops it the same way.
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { readDb } from '../helpers/db-inspect.js';
import { BIN, isEvent, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { processEnded, TmuxPane } from '../helpers/tmux.js';

const dir = useTempDir('syncdeck-sighup-');
const long = join(process.cwd(), 'tests', 'fixtures', 'engine', 'long.mjs');

const started: SyncdeckProcess[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

function setup() {
  const paths = writeClinic(dir(), {
    tasks: [task('long', moduleHandler(long), { every: 'interval: 1s, maxInterval: 2s' })],
  });
  const sd = (args: string[], host: string) => {
    const p = startSyncdeck([...args, '--config', paths.config, '--db', paths.db], { SYNCDECK_HOSTNAME: host });
    started.push(p);
    return p;
  };
  return { ...paths, sd };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(100);
  }
}

/** The hung-up run is interrupted with `message`, its lease is released, and host-b's engine runs the task next, when it is due. */
async function expectTakeover(db: string, runId: number, message: string | RegExp, b: SyncdeckProcess): Promise<void> {
  const before = await readDb(db);
  expect(before.runs.find((r) => r.id === runId)).toMatchObject({
    outcome: 'interrupted',
    message: typeof message === 'string' ? message : (expect.stringMatching(message) as unknown),
  });
  const row = before.tasks.find((t) => t.id === 'long')!;
  // Released: free, or already taken by host-b (an interruption makes the task due at once).
  expect(row.leaseOwner === null || row.leaseOwner.startsWith('host-b:'), `lease owner ${row.leaseOwner}`).toBe(true);
  const next = await b.waitFor(isEvent('run-started', 'long'), 'host-b starting the task');
  const run = next.run as { id: number; instance: string; startedAt: string };
  expect(run.id).toBeGreaterThan(runId);
  expect(run.instance).toMatch(/^host-b:/);
  expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(row.nextRunAt!);
}

describe('SIGHUP', () => {
  it(
    'an engine: SIGHUP reloads its config and the run goes on; SIGTERM ends it interrupted, host-b takes over',
    { timeout: 40_000 },
    async () => {
      const { db, sd } = setup();
      const a = sd(['engine'], 'host-a');
      const first = await a.waitFor(isEvent('run-started', 'long'), 'run-started on host-a');
      const b = sd(['engine'], 'host-b');
      await b.waitFor(isEvent('engine-started'), 'engine-started on host-b');
      a.child.kill('SIGHUP');
      await a.waitFor(isEvent('config-reloaded'), 'config-reloaded on host-a');
      expect(a.child.exitCode).toBeNull();
      expect((await readDb(db)).runs.find((r) => r.id === (first.run as { id: number }).id)?.outcome).toBe('running');
      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect(a.lines.find(isEvent('engine-stopping'))).toMatchObject({ signal: 'SIGTERM' });
      await expectTakeover(db, (first.run as { id: number }).id, 'syncdeck engine stopped (SIGTERM)', b);
    },
  );

  it('`syncdeck run`: prints the interrupted run, exits 1, and host-b takes over', { timeout: 40_000 }, async () => {
    const { db, sd } = setup();
    const run = sd(['run', 'long'], 'host-a');
    const [, id] = /^run (\d+) of long started on/.exec(await run.waitForStderr(/^run \d+ of long started on/))!;
    const b = sd(['engine'], 'host-b');
    await b.waitFor(isEvent('engine-started'), 'engine-started on host-b');
    run.child.kill('SIGHUP');
    expect(await run.exited).toBe(1);
    expect(run.lines.map((l) => l.text)).toEqual([
      expect.stringMatching(new RegExp(`^run ${id}: interrupted after .* - the terminal went away \\(SIGHUP\\)$`)),
    ]);
    await expectTakeover(db, Number(id), 'the terminal went away (SIGHUP)', b);
  });

  it('the dashboard, when its terminal goes away: the same', { timeout: 40_000 }, async () => {
    const { config, db, sd } = setup();
    const pane = new TmuxPane([process.execPath, BIN, '--config', config, '--db', db], {
      env: { SYNCDECK_HOSTNAME: 'host-a' },
    });
    const runId = await until(
      async () => (await readDb(db)).runs.find((r) => r.outcome === 'running')?.id,
      'the dashboard running the task',
    );
    const b = sd(['engine'], 'host-b');
    await b.waitFor(isEvent('engine-started'), 'engine-started on host-b');
    const pid = pane.pid();
    pane.hangUp();
    await until(
      async () => ((await readDb(db)).runs.find((r) => r.id === runId)?.outcome === 'running' ? undefined : true),
      'the run to end',
    );
    // It ends, rather than spinning on a terminal that is gone.
    await until(async () => (processEnded(pid) ? true : undefined), `the dashboard (pid ${pid}) to end`);
    // SIGHUP, or EIO from the next write to the dead terminal, whichever comes first.
    await expectTakeover(db, runId, /^the terminal went away/, b);
  });
});
