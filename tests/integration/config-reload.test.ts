// Issue 20, items 2, 3 and 5 with real processes, on every store: a running engine follows
// edits of its config file (a new handler, a new task, a removed one, broken YAML then
// fixed, SIGHUP, a changed alert webhook, its user losing a role), and a second engine
// started with an older, different file warns and leaves the fleet's definitions alone.
// Lean on purpose: the cases are in tests/unit/engine/config-reload*.test.ts on a fake clock.
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/index.js';
import { ME, meAs, moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { serve } from '../helpers/local-server.js';
import { isEvent, startSyncdeck } from '../helpers/syncdeck-process.js';
import { STORE_KINDS, useStoreLocation } from '../helpers/stores.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tmp = useTempDir('syncdeck-config-reload-');

/** A webhook on 127.0.0.1 that keeps the events it was sent. */
async function webhook(): Promise<{ url: string; got: unknown[] }> {
  const got: unknown[] = [];
  const server = await serve(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    got.push((JSON.parse(raw) as { event: unknown }).event);
    res.end('ok');
  });
  return { url: `${server.url}/hook`, got };
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-config-reload-db-');

  it(
    'an engine follows edits of its file; an engine with an older, different file warns and writes nothing',
    { timeout: 60_000 },
    async () => {
      const dir = tmp();
      const module = (name: string) => {
        const file = join(dir, `${name}.mjs`);
        writeFileSync(file, `export default async () => ({ message: '${name}' });\n`);
        return moduleHandler(file);
      };
      const v1 = module('v1');
      const v2 = module('v2');
      const hourly = { every: 'interval: 1h' };
      const write = (tasks: string[], name = 'clinic', more: { users?: string[]; extra?: string } = {}) =>
        writeClinic(dir, { name, tasks, ...more }).config;
      const config = write([task('a', v1, hourly), task('b', v1, hourly)]);
      const engine = (file: string, host: string) =>
        startSyncdeck(['engine', '--config', file, '--db', db().location], { SYNCDECK_HOSTNAME: host });

      const a = engine(config, 'host-a');
      await a.waitFor(isEvent('run-finished', 'a'), 'a run of a');
      await a.waitFor(isEvent('run-finished', 'b'), 'a run of b');

      // A new handler for a, a new task c, b removed.
      write([task('a', v2, hourly), task('c', v2, hourly)]);
      const reloaded = await a.waitFor(isEvent('config-reloaded'), 'config-reloaded');
      expect(reloaded).toMatchObject({ changed: ['a'], added: ['c'], removed: ['b'] });
      const c = await a.waitFor(isEvent('run-finished', 'c'), 'a run of c');
      expect((c.run as { message: string }).message).toBe('v2');

      // Broken YAML: refused with file:line, the last good config stays; fixed: reloaded.
      writeFileSync(config, 'tasks: [\n');
      const error = await a.waitFor(isEvent('config-error'), 'config-error');
      expect(error.problems).toEqual([
        expect.stringMatching(new RegExp(`^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: YAML syntax error`)),
      ]);
      write([task('a', v2, hourly), task('c', v2, { every: 'interval: 2h' })]);
      await a.waitFor(
        (l) => l.event === 'config-reloaded' && String(l.changed) === 'c',
        'config-reloaded after the fix',
      );

      // SIGHUP: reload now (the daemon convention), the engine keeps running.
      a.child.kill('SIGHUP');
      await a.waitFor(
        (l) => l.event === 'config-reloaded' && (l.changed as string[]).length === 0,
        'config-reloaded on SIGHUP',
      );
      expect(a.child.exitCode).toBeNull();

      // Another engine with an older file where a runs every 5 minutes: it warns and writes nothing.
      const other = write(
        [task('a', v2, { every: 'interval: 5m' }), task('c', v2, { every: 'interval: 2h' })],
        'other',
      );
      utimesSync(other, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
      const b = engine(other, 'host-b');
      const differs = await b.waitFor(isEvent('config-differs'), 'config-differs on host-b');
      expect(differs.message).toMatch(
        new RegExp(
          `^this instance's config differs from the fleet's \\(written by ${ME}@host-a at .*\\): task a differs, and this instance does not run it`,
        ),
      );
      expect(differs.tasks).toEqual(['a']);
      const store = openStore(db().location);
      try {
        expect((await store.getTask('a'))?.intervalMs).toBe(3_600_000);
        expect((await store.fleetConfig())?.writtenBy).toBe(`${ME}@host-a`);
      } finally {
        await store.close();
      }
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
      expect(b.lines.some(isEvent('run-started', 'a'))).toBe(false);

      // Alerts added, then the webhook changed: the next alert goes to the new URL.
      const [first, second] = [await webhook(), await webhook()];
      const flag = join(dir, 'failing');
      writeFileSync(flag, '');
      const flaky = join(dir, 'flaky.mjs');
      writeFileSync(
        flaky,
        `import { existsSync } from 'node:fs';\nexport default async () => { if (existsSync(${JSON.stringify(flag)})) throw new Error('down'); return { message: 'up' }; };\n`,
      );
      const night = { role: 'night-shift' };
      const tasks = [task('f', moduleHandler(flaky)), task('n', v2, night)];
      const alerts = (url: string) =>
        `alerts: { failingAfter: 1, channels: [{ kind: webhook, name: chat, url: "${url}" }] }`;
      write(tasks, 'clinic', { extra: alerts(first.url) });
      await a.waitFor((l) => l.event === 'alert-delivered' && l.alert === 'failing', 'failing delivered');
      expect(first.got).toEqual(['failing']);
      const from = a.lines.length;
      write(tasks, 'clinic', { extra: alerts(second.url) });
      await a.waitFor((l) => l.event === 'config-reloaded' && a.lines.indexOf(l) >= from, 'webhook reloaded');
      rmSync(flag);
      await a.waitFor((l) => l.event === 'alert-delivered' && l.alert === 'recovered', 'recovered delivered');
      expect([first.got, second.got]).toEqual([['failing'], ['recovered']]);

      // The engine's user loses the role of f (and gains night-shift): f is no longer run here, n is.
      write(tasks, 'clinic', { extra: alerts(second.url), users: [meAs(['night-shift'], true)] });
      const lost = await a.waitFor((l) => l.event === 'config-reloaded' && String(l.users) === ME, 'roles reloaded');
      expect(lost.roles).toEqual(['night-shift']);
      const after = a.lines.indexOf(lost);
      const nRuns = () => a.lines.slice(after).filter(isEvent('run-finished', 'n')).length;
      await a.waitFor((l) => isEvent('run-finished', 'n')(l) && nRuns() >= 2, 'two runs of n');
      expect(a.lines.slice(after).some(isEvent('run-started', 'f'))).toBe(false);

      a.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
    },
  );
});
