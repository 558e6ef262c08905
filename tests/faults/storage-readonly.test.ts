// The database file made read-only (chattr +i, which stops root too) while an engine and
// a dashboard run on it: one clear message in each, no crash loop, and recovery.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { checkIntegrity, readDb } from '../helpers/db-inspect.js';
import { makeReadOnly, restoreWritable } from '../helpers/read-only.js';
import { sufferOutage } from '../helpers/storage-outage.js';
import { BIN, isEvent, startSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TmuxPane } from '../helpers/tmux.js';

const dir = useTempDir('syncdeck-readonly-');
const chatty = join(process.cwd(), 'tests', 'fixtures', 'faults', 'chatty.mjs');

describe('a database that becomes read-only while running', () => {
  it(
    'is reported once by the engine and in the dashboard header, and both recover when it is writable again',
    { timeout: 60_000 },
    async () => {
      const paths = writeClinic(dir(), { tasks: ['a', 'b'].map((id) => task(id, moduleHandler(chatty))) });
      const engine = startSyncdeck(['engine', '--config', paths.config, '--db', paths.db]);
      await engine.waitFor(isEvent('engine-started'), 'engine-started');
      const dashboard = new TmuxPane([process.execPath, BIN, '--config', paths.config, '--db', paths.db]);
      // The dashboard's own engine open on the file (its header names the instance), not
      // the preview it draws while that engine starts: a start on a read-only file is refused.
      await dashboard.waitForScreen(/Integration status/);
      await dashboard.waitForScreen(/· instance \S+/);
      const files = [paths.db, `${paths.db}-wal`];

      const { error, runAfter } = await sufferOutage(engine, {
        start: () => files.forEach(makeReadOnly),
        end: () => files.forEach(restoreWritable),
        whileDown: () => dashboard.waitForScreen(/Storage error: cannot write the database/),
        whenUp: () => dashboard.waitForScreen((s) => !s.includes('Storage error'), 'no storage error'),
      });
      expect(error).toMatchObject({ level: 'error', event: 'storage-error' });
      expect(error.message).toMatch(
        new RegExp(
          `^cannot write the database ${paths.db}: .+; runs are not recorded until it can be written again \\(retrying\\)$`,
        ),
      );

      await dashboard.quit();
      engine.child.kill('SIGTERM');
      expect(await engine.exited).toBe(0);
      expect(engine.stderr).toEqual([]);
      expect(checkIntegrity(paths.db)).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
      const { runs } = await readDb(paths.db);
      expect(runs.find((r) => r.id === runAfter.id)).toMatchObject({ outcome: runAfter.outcome });
    },
  );
});
