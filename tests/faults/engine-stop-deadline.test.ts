// A headless engine asked to stop ends within its stop grace and a few seconds for the
// database, whatever the database does, and says when its runs were not recorded as ended;
// a second signal ends it at once. src/cli/commands/engine.ts, src/cli/close-deadline.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEFT_TO_LEASES } from '../../src/cli/close-deadline.js';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { useFreezableProxy } from '../helpers/freezable-proxy.js';
import { PG_URL, useStoreLocation } from '../helpers/stores.js';
import { startSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'engine');
const runStarted = (line: Record<string, unknown>) => line.event === 'run-started';

describe('engineCommand stopping', () => {
  const dir = useTempDir('syncdeck-engine-stop-');

  it('ends at once on a second signal while its runs are still stopping', { timeout: 30_000 }, async () => {
    // The task ignores its stop signal and the stop grace is a minute: only the second signal ends it soon.
    const { config, db } = writeClinic(dir(), {
      engine: '{ leaseTtl: 3s, heartbeat: 1s, stopGrace: 60s }',
      tasks: [task('deaf', moduleHandler(join(FIXTURES, 'deaf.mjs')))],
    });
    const engine = startSyncdeck(['engine', '--config', config, '--db', db]);
    await engine.waitFor(runStarted, 'a run under way');
    engine.child.kill('SIGTERM');
    await engine.waitFor((l) => l.event === 'engine-stopping', 'engine-stopping');
    engine.child.kill('SIGINT');
    expect(await engine.exited).toBe(1);
    const last = engine.lines.at(-1);
    expect(last).toMatchObject({ level: 'warn', event: 'engine-stopped', recorded: false });
    expect(last?.message).toBe(`stopped at once by a second SIGINT; ${LEFT_TO_LEASES}`);
  });

  describe.runIf(PG_URL)('with a PostgreSQL server that stops answering', () => {
    const database = useStoreLocation('postgres', 'syncdeck-engine-stop-');
    const proxyTo = useFreezableProxy();

    it('ends after its stop grace and says its runs are left to their leases', { timeout: 60_000 }, async () => {
      const { proxy, url } = await proxyTo(database().location);
      const { config } = writeClinic(dir(), { tasks: [task('long', moduleHandler(join(FIXTURES, 'long.mjs')))] });
      const engine = startSyncdeck(['engine', '--config', config, '--db', url]);
      await engine.waitFor(runStarted, 'a run under way');
      proxy.freeze();
      engine.child.kill('SIGTERM');
      // Without a limit the engine waits on the store's own timeouts (about 20 s), then logs
      // an ordinary `engine-stopped` and exits 0 although nothing of its end was recorded.
      expect(await engine.exited).toBe(1);
      expect(engine.lines.at(-1)).toMatchObject({
        level: 'warn',
        event: 'engine-stopped',
        recorded: false,
        message: `the database did not answer while the engine stopped; ${LEFT_TO_LEASES}`,
      });
    });
  });
});
