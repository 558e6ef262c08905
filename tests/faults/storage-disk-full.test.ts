// The disk under the database fills up while an engine runs (a 4 MiB tmpfs): one clear
// log line, no crash loop, and runs are recorded again once there is room.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { checkIntegrity, readDb } from '../helpers/db-inspect.js';
import { sufferOutage } from '../helpers/storage-outage.js';
import { isEvent, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { mountTinyDisk, type TinyDisk } from '../helpers/tiny-disk.js';

const chatty = join(process.cwd(), 'tests', 'fixtures', 'faults', 'chatty.mjs');
let disk: TinyDisk | undefined;
let engine: SyncdeckProcess | undefined;
afterEach(async () => {
  if (engine && engine.child.exitCode === null && engine.child.signalCode === null) engine.child.kill('SIGKILL');
  await engine?.exited;
  disk?.unmount();
  disk = engine = undefined;
});

describe('a full disk under the database', () => {
  it(
    'is reported once by the engine, which keeps running and records runs again when space is freed',
    { timeout: 60_000 },
    async () => {
      disk = mountTinyDisk();
      // One task that runs often and one that is idle: ticks with nothing due must not count as "recovered".
      const paths = writeClinic(disk.dir, {
        tasks: [task('a', moduleHandler(chatty)), task('idle', moduleHandler(chatty), { every: 'interval: 1h' })],
      });
      engine = startSyncdeck(['engine', '--config', paths.config, '--db', paths.db]);
      await engine.waitFor(isEvent('engine-started'), 'engine-started');

      const tiny = disk;
      const { error, runAfter } = await sufferOutage(engine, { start: () => tiny.fill(), end: () => tiny.free() });
      expect(error.message).toMatch(
        new RegExp(
          `^cannot write the database ${paths.db}: the disk is full \\(database or disk is full\\); runs are not recorded`,
        ),
      );

      engine.child.kill('SIGTERM');
      expect(await engine.exited).toBe(0);
      expect(checkIntegrity(paths.db)).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
      const { runs } = await readDb(paths.db);
      expect(runs.find((r) => r.id === runAfter.id)).toMatchObject({ outcome: runAfter.outcome });
    },
  );
});
