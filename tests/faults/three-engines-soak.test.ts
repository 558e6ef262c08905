// Three engines on one database with write-heavy tasks of random length that fail now and
// then, while a user keeps asking for the status and the history: never two runs of one
// task at once, every run accounted for, and no busy-database error ever reaches anyone.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { checkIntegrity, readDb } from '../helpers/db-inspect.js';
import { isEvent, runSyncdeck, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-soak-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'faults');
/** Two minutes with `npm run test:soak`; shorter in CI. */
const SOAK_MS = Number(process.env.SYNCDECK_SOAK_SECONDS ?? 20) * 1000;
const BUSY = /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i;

describe('three engines, write-heavy, with a user reading', () => {
  it(
    'never overlaps runs of a task, loses none, and never shows a busy database',
    { timeout: SOAK_MS + 60_000 },
    async () => {
      const chattyCommand = `{ kind: command, command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(join(fixtures, 'chatty-command.mjs'))}] }`;
      const paths = writeClinic(dir(), {
        tasks: [
          ...['a', 'b', 'c'].map((id) =>
            task(id, moduleHandler(join(fixtures, 'chatty.mjs')), { every: 'interval: 1s, maxInterval: 2s' }),
          ),
          task('d', chattyCommand, { every: 'interval: 1s, maxInterval: 2s', extra: 'diagnostics: always' }),
        ],
      });
      const engines: SyncdeckProcess[] = ['host-a', 'host-b', 'host-c'].map((host) =>
        startSyncdeck(['engine', '--config', paths.config, '--db', paths.db], { SYNCDECK_HOSTNAME: host }),
      );
      await Promise.all(engines.map((e) => e.waitFor(isEvent('engine-started'), 'engine-started')));

      // The soak's time is spent reading, as a support engineer would.
      const reads: { code: number | null; stdout: string; stderr: string }[] = [];
      for (const end = Date.now() + SOAK_MS; Date.now() < end;) {
        const sd = (...args: string[]) => runSyncdeck([...args, '--config', paths.config, '--db', paths.db]);
        reads.push(...(await Promise.all([sd('status', '--json'), sd('history', '--limit', '20')])));
      }
      for (const e of engines) e.child.kill('SIGTERM');
      expect(await Promise.all(engines.map((e) => e.exited))).toEqual([0, 0, 0]);

      expect(reads.filter((r) => r.code !== 0 || r.stderr !== '')).toEqual([]);
      expect(reads.map((r) => r.stdout).join('\n')).not.toMatch(BUSY);
      for (const e of engines) {
        expect(e.stderr).toEqual([]);
        expect(e.lines.filter((l) => l.event === 'storage-error')).toEqual([]);
        expect(e.lines.map((l) => JSON.stringify(l)).join('\n')).not.toMatch(BUSY);
      }

      expect(checkIntegrity(paths.db)).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
      const { runs, tasks } = await readDb(paths.db);
      expect(runs.length).toBeGreaterThan(8);
      expect(runs.filter((r) => r.outcome === 'running')).toEqual([]);
      expect(new Set(runs.map((r) => r.outcome))).toContain('error'); // the random failures happened
      for (const id of ['a', 'b', 'c', 'd']) {
        const mine = runs.filter((r) => r.taskId === id).sort((x, y) => x.startedAt - y.startedAt || x.id - y.id);
        expect(mine.length, id).toBeGreaterThan(0);
        for (let i = 1; i < mine.length; i++)
          expect(mine[i]!.startedAt, `${id}: run ${mine[i]!.id} overlaps ${mine[i - 1]!.id}`).toBeGreaterThanOrEqual(
            mine[i - 1]!.finishedAt!,
          );
        expect(new Set(mine.map((r) => r.epoch)).size).toBe(mine.length);
      }
      const logged = engines.flatMap((e) =>
        e.lines.filter(isEvent('run-finished')).map((l) => (l.run as { id: number }).id),
      );
      expect(logged.length).toBe(new Set(logged).size);
      expect(new Set(logged)).toEqual(new Set(runs.map((r) => r.id)));
      expect(tasks.filter((t) => t.leaseOwner !== null)).toEqual([]);
    },
  );
});
