// readDashboardPreview (src/cli/dashboard-preview.ts): the task list the dashboard's screen
// reads while its engine starts. It reads what `status` reads, and never writes: no
// database file created, no migration, no instance; anything in the way gives no preview.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { openContext } from '../../src/cli/context.js';
import { previewSource, readDashboardPreview, type PreviewResult } from '../../src/cli/dashboard-preview.js';
import { loadConfigFile, type LoadedConfig } from '../../src/config/load.js';
import { SqliteStore } from '../../src/db/index.js';
import { demoConfig } from '../../src/demo/config.js';
import { resolveIdentity } from '../../src/engine/identity.js';
import { joiningRow } from '../../src/engine/instances.js';
import { taskReader } from '../../src/engine/task-reader.js';
import type { TaskView } from '../../src/engine/types.js';
import { meAs, ME, writeClinic } from '../helpers/clinic-config.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-preview-');

const TASKS = [
  '{ id: calls, name: Receive calls, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: http, method: GET, path: /calls } }',
  '{ id: leads, name: Collect leads, type: leads, service: telephony, role: reception, interval: 1h, handler: { kind: http, method: GET, path: /leads } }',
];

function clinic(users?: string[]): {
  config: string;
  db: string;
  loaded: LoadedConfig;
  args: (...more: string[]) => ReturnType<typeof parseArgs>;
} {
  const { config, db } = writeClinic(dir(), { tasks: TASKS, users });
  const loaded = loadConfigFile(config);
  return { config, db, loaded, args: (...more) => parseArgs(['--config', config, '--db', db, ...more]) };
}

/** A database as an engine left it: created, migrated, the definitions written, closed. */
async function engineWasHere(db: string, config: LoadedConfig): Promise<void> {
  const store = SqliteStore.open(db);
  const { definitionsOf } = await import('../../src/engine/definitions.js');
  const defs = definitionsOf(config);
  await store.syncDefinitions(defs.services, defs.tasks, Date.now());
  await store.close();
}

const bytesOf = (file: string) => readFileSync(file);

describe('readDashboardPreview', () => {
  it('reads the tasks the status command would show, and leaves the database file as it was', async () => {
    const { db, loaded, args } = clinic();
    await engineWasHere(db, loaded);
    const before = bytesOf(db);
    const result = await readDashboardPreview(args(), {}, () => loaded);
    expect('preview' in result).toBe(true);
    if (!('preview' in result)) return;
    const { preview } = result;
    expect(preview.tasks.map((t) => t.name)).toEqual(['Receive calls', 'Collect leads']);
    expect(preview.identity.user).toBe(ME);
    expect(preview.location).toEqual({ database: db, config: loaded.source, demo: false });
    // What the engine's reader gives over a store the usual way (status.ts).
    const store = SqliteStore.open(db);
    const identity = resolveIdentity(loaded, ME);
    const joining = joiningRow(ME, identity, Date.now());
    const expected = await taskReader({ store, config: loaded, identity, instanceId: '', joining }).snapshot();
    await store.close();
    // Due now (never run): read a few milliseconds apart.
    const dueNow = (ts: TaskView[]) => ts.map((t) => ({ ...t, nextRunAt: t.nextRunAt === null ? null : 'now' }));
    expect(dueNow(preview.tasks)).toEqual(dueNow(expected));
    // This dashboard's own engine, which is starting, counts: nothing says "no running instance".
    expect(preview.tasks.map((t) => [t.idle, t.runnableOn])).toEqual([
      [null, [`${ME}@${joining.host}`]],
      [null, [`${ME}@${joining.host}`]],
    ]);
    expect(bytesOf(db).equals(before)).toBe(true);
    // No instance was registered.
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM instances').get()).toEqual({ n: 0 });
    raw.close();
  });

  it("a database file that does not exist: the config's tasks, never run, and no file (nor its folder) is created", async () => {
    const { loaded, args } = clinic();
    const missing = join(dir(), 'not-yet', 'syncdeck.db');
    const result = await readDashboardPreview(args('--db', missing), {}, () => loaded);
    if (!('preview' in result)) throw new Error(`no preview: ${result.none}`);
    expect(result.preview.location).toEqual({ database: missing, config: loaded.source, demo: false });
    expect(result.preview.tasks.map((t) => [t.name, t.serviceName, t.status, t.idle, t.lastRun])).toEqual([
      ['Receive calls', 'Telephony', 'waiting', null, null],
      ['Collect leads', 'Telephony', 'waiting', null, null],
    ]);
    expect(existsSync(join(dir(), 'not-yet'))).toBe(false);
    // The default path (no --db, no location in the config) is not created either.
    const home = join(dir(), 'data');
    const noDb = parseArgs(['--config', loaded.source]);
    expect(await readDashboardPreview(noDb, { XDG_DATA_HOME: home }, () => loaded)).toMatchObject({
      preview: { location: { database: join(home, 'syncdeck', 'syncdeck.db') } },
    });
    expect(existsSync(home)).toBe(false);
  });

  it('a database at an older schema: no preview, nothing migrated', async () => {
    const { db, loaded, args } = clinic();
    await engineWasHere(db, loaded);
    const raw = new Database(db);
    raw.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
    const applied = raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
    raw.close();
    const before = bytesOf(db);
    expect(await readDashboardPreview(args(), {}, () => loaded)).toEqual({ none: 'failed' });
    const after = new Database(db, { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual(applied);
    after.close();
    expect(bytesOf(db).equals(before)).toBe(true);
  });

  it('a file that is not a syncdeck database: no preview, the file untouched', async () => {
    const { db, loaded, args } = clinic();
    const raw = new Database(db);
    raw.exec('CREATE TABLE notes (text TEXT)');
    raw.close();
    const before = bytesOf(db);
    expect(await readDashboardPreview(args(), {}, () => loaded)).toEqual({ none: 'failed' });
    expect(bytesOf(db).equals(before)).toBe(true);
  });

  it('a user the config does not know: no preview (the engine says why nothing is visible)', async () => {
    const { db, loaded, args } = clinic(['{ name: somebody-else, roles: [reception] }']);
    await engineWasHere(db, loaded);
    expect(await readDashboardPreview(args(), {}, () => loaded)).toEqual({ none: 'unknown-user' });
  });

  it('--user that may not be taken: no preview (the engine reports it)', async () => {
    const { db, loaded, args } = clinic([meAs(['reception']), '{ name: olga, roles: [reception] }']);
    await engineWasHere(db, loaded);
    expect(await readDashboardPreview(args('--user', 'olga'), {}, () => loaded)).toEqual({ none: 'failed' });
  });
});

describe('previewSource', () => {
  const config = { database: { location: undefined } } as unknown as LoadedConfig;
  const cached = () => config;
  const noDemo = () => null;

  it('the demo (no config file): its cached config and its database, whether or not the file exists yet', () => {
    const demo = { database: { location: undefined } } as unknown as LoadedConfig;
    const home = join(dir(), 'data');
    expect(
      previewSource(
        parseArgs([]),
        { XDG_DATA_HOME: home },
        () => null,
        () => demo,
      ),
    ).toEqual({
      config: demo,
      database: join(home, 'syncdeck', 'demo.db'),
      demo: true,
      exists: false,
    });
    expect(previewSource(parseArgs([]), {}, () => null, noDemo)).toEqual({ none: 'config-not-cached' });
  });

  it('a config the cache does not hold as it is now: no preview (the engine parses it and reports its errors)', () => {
    expect(previewSource(parseArgs(['--config', '/x/clinic.yaml']), {}, () => null, noDemo)).toEqual({
      none: 'config-not-cached',
    });
  });

  it('PostgreSQL, from --db, SYNCDECK_DB or the config: no preview', () => {
    const url = 'postgres://syncdeck@db.clinic/syncdeck';
    expect(previewSource(parseArgs(['--config', '/x/c.yaml', '--db', url]), {}, cached, noDemo)).toEqual({
      none: 'postgres',
    });
    expect(previewSource(parseArgs(['--config', '/x/c.yaml']), { SYNCDECK_DB: url }, cached, noDemo)).toEqual({
      none: 'postgres',
    });
    const pg = { database: { location: url } } as unknown as LoadedConfig;
    expect(previewSource(parseArgs(['--config', '/x/c.yaml']), {}, () => pg, noDemo)).toEqual({ none: 'postgres' });
  });

  it('--db wins over SYNCDECK_DB, which wins over the config, as for the engine', () => {
    const file = join(dir(), 'a.db');
    new Database(file).close();
    const other = { database: { location: join(dir(), 'b.db') } } as unknown as LoadedConfig;
    const args = parseArgs(['--config', '/x/c.yaml', '--db', file]);
    expect(previewSource(args, { SYNCDECK_DB: join(dir(), 'c.db') }, () => other, noDemo)).toMatchObject({
      database: file,
    });
    expect(
      previewSource(parseArgs(['--config', '/x/c.yaml']), { SYNCDECK_DB: file }, () => other, noDemo),
    ).toMatchObject({
      database: file,
    });
    expect(previewSource(parseArgs(['--config', '/x/c.yaml']), {}, () => other, noDemo)).toMatchObject({
      database: join(dir(), 'b.db'),
      exists: false,
    });
  });
});

describe("the preview is what the engine's first snapshot shows", () => {
  /** What the dashboard draws of a task (times aside: read a few milliseconds apart). */
  const drawn = (tasks: TaskView[]) =>
    tasks.map((t) => ({
      id: t.id,
      name: t.name,
      serviceName: t.serviceName,
      status: t.status,
      idle: t.idle,
      runnableOn: t.runnableOn,
      failing: t.failing,
      due: t.nextRunAt !== null,
      last: t.last,
      can: t.can,
    }));

  async function engineFirstSnapshot(args: ReturnType<typeof parseArgs>): Promise<TaskView[]> {
    const ctx = await openContext(args, {
      kind: 'ui',
      start: true,
      schedule: true,
      demoServices: false,
      deferLoops: true,
    });
    try {
      return await ctx.engine.snapshot();
    } finally {
      await ctx.close();
    }
  }

  async function previewTasks(result: Promise<PreviewResult>): Promise<TaskView[]> {
    const r = await result;
    if (!('preview' in r)) throw new Error(`no preview: ${r.none}`);
    return r.preview.tasks;
  }

  it('a config on a database not created yet, then on the database its engine left', async () => {
    const { db, loaded, args } = clinic();
    const fresh = await previewTasks(readDashboardPreview(args(), {}, () => loaded));
    expect(drawn(fresh)).toEqual(drawn(await engineFirstSnapshot(args())));
    const again = await previewTasks(readDashboardPreview(args(), {}, () => loaded));
    expect(existsSync(db)).toBe(true);
    expect(drawn(again)).toEqual(drawn(await engineFirstSnapshot(args())));
  });

  it('the demo on a database not created yet', async () => {
    const args = parseArgs(['--db', join(dir(), 'demo.db')]);
    const demo = await demoConfig({}, ME);
    const tasks = await previewTasks(
      readDashboardPreview(
        args,
        {},
        () => null,
        () => demo,
      ),
    );
    expect(tasks.length).toBeGreaterThan(5);
    expect(drawn(tasks)).toEqual(drawn(await engineFirstSnapshot(args)));
  });
});
