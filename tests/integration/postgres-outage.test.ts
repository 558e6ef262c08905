// A PostgreSQL server that stops accepting the engine's connection for a while: the
// engine says so once (one storage-error), keeps retrying with backoff without a line per
// attempt and without a stack trace, and says once that it is over, with how long it
// lasted (one storage-recovered); then it runs tasks again. A server that refuses at start
// is one line naming it and the reason, exit 2.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { sufferOutage } from '../helpers/storage-outage.js';
import { PG_URL, pgQuery, useStoreLocation } from '../helpers/stores.js';
import { isEvent, runSyncdeck, startSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-pg-outage-');
const ok = join(process.cwd(), 'tests', 'fixtures', 'engine', 'ok.mjs');

describe('a PostgreSQL server that cannot be reached at start', () => {
  it.each([['engine'], ['status'], ['history']])(
    'syncdeck %s: one line naming the server and the reason, exit 2',
    async (command) => {
      const paths = writeClinic(dir(), { tasks: [task('a', moduleHandler(ok))] });
      const result = await runSyncdeck([
        command,
        '--config',
        paths.config,
        '--db',
        'postgres://anna:s3cret@127.0.0.1:1/syncdeck',
      ]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'syncdeck: postgres://anna:***@127.0.0.1:1/syncdeck: cannot open the database: connection refused (is the server running, and listening there?)\n',
      );
    },
  );
});

if (PG_URL) {
  describe('a PostgreSQL server that refuses the engine for a while', () => {
    const database = useStoreLocation('postgres', 'syncdeck-pg-outage-db-');

    it('is told once when it starts and once when it ends, with how long it lasted', { timeout: 90_000 }, async () => {
      const paths = writeClinic(dir(), { tasks: [task('a', moduleHandler(ok))] });
      const url = database().location;
      const name = new URL(url).pathname.slice(1);
      const engine = startSyncdeck(['engine', '--config', paths.config, '--db', url]);
      await engine.waitFor(isEvent('engine-started'), 'engine-started');

      const { error } = await sufferOutage(engine, {
        // No new connections to the database, and the engine's own is ended.
        start: async () => {
          await pgQuery(PG_URL!, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`); // from another database
          await pgQuery(
            PG_URL!,
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'syncdeck engine %'`,
            [name],
          );
        },
        end: async () => {
          await pgQuery(PG_URL!, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
        },
      });
      expect(error.message).toMatch(
        /^cannot write the database postgres:\/\/\w+:\*\*\*@[^ ]+: .+; runs are not recorded until it can be written again \(retrying\)$/,
      );

      const recovered = engine.lines.filter((l) => l.event === 'storage-recovered');
      expect(recovered).toHaveLength(1);
      expect(recovered[0]!.outageMs).toBeGreaterThan(3_000);
      expect(recovered[0]!.message).toMatch(
        /^the database postgres:\/\/.+ takes writes again \(the outage lasted \d+ s\)$/,
      );
      expect(engine.lines.filter((l) => l.event === 'storage-error')).toHaveLength(1);

      engine.child.kill('SIGTERM');
      expect(await engine.exited).toBe(0);
      expect(engine.stderr).toEqual([]);
    });
  });
}
