// readDashboardPreview (src/cli/dashboard-preview.ts): the task list the dashboard's screen
// reads while its engine starts. It reads what `status` reads, and never writes: no
// database file created, no migration, no instance; anything in the way gives no preview.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { previewSource, readDashboardPreview } from '../../src/cli/dashboard-preview.js';
import { loadConfigFile, type LoadedConfig } from '../../src/config/load.js';
import { SqliteStore } from '../../src/db/index.js';
import { resolveIdentity } from '../../src/engine/identity.js';
import { taskReader } from '../../src/engine/task-reader.js';
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
    const expected = await taskReader({ store, config: loaded, identity, instanceId: '' }).snapshot();
    await store.close();
    expect(preview.tasks).toEqual(expected);
    expect(bytesOf(db).equals(before)).toBe(true);
    // No instance was registered.
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM instances').get()).toEqual({ n: 0 });
    raw.close();
  });

  it('a database file that does not exist: no preview, and no file (nor its folder) is created', async () => {
    const { loaded, args } = clinic();
    const missing = join(dir(), 'not-yet', 'syncdeck.db');
    expect(await readDashboardPreview(args('--db', missing), {}, () => loaded)).toEqual({ none: 'no-database' });
    expect(existsSync(join(dir(), 'not-yet'))).toBe(false);
    // The default path (no --db, no location in the config) is not created either.
    const home = join(dir(), 'data');
    const noDb = parseArgs(['--config', loaded.source]);
    expect(await readDashboardPreview(noDb, { XDG_DATA_HOME: home }, () => loaded)).toEqual({ none: 'no-database' });
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

  it('the demo (no config file): no preview', () => {
    expect(previewSource(parseArgs([]), {}, cached)).toEqual({ none: 'demo' });
  });

  it('a config the cache does not hold as it is now: no preview (the engine parses it and reports its errors)', () => {
    expect(previewSource(parseArgs(['--config', '/x/clinic.yaml']), {}, () => null)).toEqual({
      none: 'config-not-cached',
    });
  });

  it('PostgreSQL, from --db, SYNCDECK_DB or the config: no preview', () => {
    const url = 'postgres://syncdeck@db.clinic/syncdeck';
    expect(previewSource(parseArgs(['--config', '/x/c.yaml', '--db', url]), {}, cached)).toEqual({ none: 'postgres' });
    expect(previewSource(parseArgs(['--config', '/x/c.yaml']), { SYNCDECK_DB: url }, cached)).toEqual({
      none: 'postgres',
    });
    const pg = { database: { location: url } } as unknown as LoadedConfig;
    expect(previewSource(parseArgs(['--config', '/x/c.yaml']), {}, () => pg)).toEqual({ none: 'postgres' });
  });

  it('--db wins over SYNCDECK_DB, which wins over the config, as for the engine', () => {
    const file = join(dir(), 'a.db');
    new Database(file).close();
    const other = { database: { location: join(dir(), 'b.db') } } as unknown as LoadedConfig;
    const args = parseArgs(['--config', '/x/c.yaml', '--db', file]);
    expect(previewSource(args, { SYNCDECK_DB: join(dir(), 'c.db') }, () => other)).toMatchObject({ database: file });
    expect(previewSource(parseArgs(['--config', '/x/c.yaml']), { SYNCDECK_DB: file }, () => other)).toMatchObject({
      database: file,
    });
    expect(previewSource(parseArgs(['--config', '/x/c.yaml']), {}, () => other)).toEqual({ none: 'no-database' });
  });
});
