// Opening the SQLite database: a new file is created private (0600), in WAL mode, with
// foreign keys on and the schema migrated; anything that is not a database syncdeck can
// use is refused with one clear line, and the file is left byte for byte as it was.
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DbOpenError, openStore } from '../../../src/db/index.js';
import { BUSY_TIMEOUT_MS, openSqlite } from '../../../src/db/sqlite/open.js';
import { T0, journalEntries, openTestStore, serviceDef, taskDef } from '../../helpers/db-fixtures.js';
import { listDir, sha256File } from '../../helpers/files.js';
import { makeReadOnly } from '../../helpers/read-only.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-open-');

function tablesOf(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) != 'sqlite_' ORDER BY name`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

function migrationRows(file: string): { hash: string; created_at: number }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at`).all() as {
      hash: string;
      created_at: number;
    }[];
  } finally {
    db.close();
  }
}

function schemaSql(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare(`SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS s FROM sqlite_master ORDER BY type, name`)
        .all() as { s: string }[]
    ).map((r) => r.s);
  } finally {
    db.close();
  }
}

const SYNCDECK_TABLES = [
  '__drizzle_migrations',
  'alert_attempts',
  'alert_deliveries',
  'alerts',
  'fleet_config',
  'instances',
  'run_exchanges',
  'run_logs',
  'runs',
  'services',
  'task_state',
  'tasks',
  'unrunnable_tasks',
];

describe('opening a new database', () => {
  it('creates the file readable by its owner only (0600), with its -wal and -shm files alike', async () => {
    const { store, file } = openTestStore(dir());
    try {
      await store.syncDefinitions([serviceDef('s1')], [taskDef('t1', 's1')], T0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // WAL mode: the sidecar files exist while the database is open, and hold the same data.
      expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
      expect(statSync(`${file}-shm`).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('turns on WAL, foreign keys and a busy timeout, and applies every migration once', () => {
    const file = join(dir(), 'new.db');
    const { db } = openSqlite(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    } finally {
      db.close();
    }
    expect(tablesOf(file)).toEqual(SYNCDECK_TABLES);
    expect(migrationRows(file).map((r) => Number(r.created_at))).toEqual(journalEntries().map((e) => e.when));
  });

  it('enforces foreign keys through the store: a log line of a run that does not exist is refused', async () => {
    const { store } = openTestStore(dir());
    try {
      await expect(store.appendLog(424_242, [{ at: T0, level: 'info', message: 'orphan' }])).rejects.toThrow(
        /FOREIGN KEY constraint failed/,
      );
      await expect(store.runLog(424_242)).resolves.toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('treats an existing empty file as a new database', async () => {
    const file = join(dir(), 'empty.db');
    writeFileSync(file, '');
    const store = openStore(file);
    await store.close();
    expect(tablesOf(file)).toEqual(SYNCDECK_TABLES);
  });

  it('reopening is idempotent: same schema, migrations recorded once, data kept', async () => {
    const first = openTestStore(dir());
    await first.store.syncDefinitions([serviceDef('s1')], [taskDef('t1', 's1')], T0);
    await first.store.close();
    const schemaBefore = schemaSql(first.file);
    const migrationsBefore = migrationRows(first.file);

    for (let i = 0; i < 3; i++) {
      const again = openStore(first.file);
      expect((await again.listTasks()).map((t) => t.id)).toEqual(['t1']);
      await again.close();
    }
    expect(schemaSql(first.file)).toEqual(schemaBefore);
    expect(migrationRows(first.file)).toEqual(migrationsBefore);
    expect(migrationRows(first.file)).toHaveLength(journalEntries().length);
  });

  it('reports where the data lives', async () => {
    const { store, file } = openTestStore(dir());
    expect(store.location).toBe(file);
    expect(store.kind).toBe('sqlite');
    await store.close();
    await store.close(); // closing twice is harmless
  });

  it('refuses an empty path with a hint', () => {
    expect(() => openStore('')).toThrow(new DbOpenError('database path is empty (use --db FILE)'));
    expect(() => openStore('   ')).toThrow(DbOpenError);
  });
});

/** Expects opening `file` to fail with exactly `message`, and leaves the directory as it was. */
function expectRefusedUntouched(file: string, message: string): void {
  const parent = join(file, '..');
  const before = { hash: sha256File(file), mode: statSync(file).mode, listing: listDir(parent) };
  let error: unknown;
  try {
    void openStore(file).close(); // (only reached when the test is about to fail)
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(DbOpenError);
  expect((error as Error).message).toBe(message);
  expect((error as Error).message).not.toContain('\n');
  expect(sha256File(file)).toBe(before.hash);
  expect(statSync(file).mode).toBe(before.mode);
  expect(listDir(parent)).toEqual(before.listing); // no -wal, -shm or -journal left behind
}

/** A real syncdeck database, closed cleanly (no -wal file), with one task in it. */
async function makeSyncdeckDb(file: string): Promise<void> {
  const store = openStore(file);
  await store.syncDefinitions([serviceDef('s1')], [taskDef('t1', 's1')], T0);
  await store.close();
}

describe('refusing what syncdeck cannot use, without touching it', () => {
  it('a text file', () => {
    const file = join(dir(), 'notes.db');
    writeFileSync(file, 'These are my notes, not a database.\n'.repeat(20));
    expectRefusedUntouched(file, `${file}: is not a syncdeck database (not an SQLite file)`);
  });

  it('a file shorter than the SQLite header', () => {
    const file = join(dir(), 'short.db');
    writeFileSync(file, 'SQLite');
    expectRefusedUntouched(file, `${file}: is not a syncdeck database (not an SQLite file)`);
  });

  it('a corrupt file: a valid SQLite header, then garbage', () => {
    const file = join(dir(), 'corrupt.db');
    const garbage = Buffer.alloc(8192);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) & 0xff;
    Buffer.from('SQLite format 3\0', 'latin1').copy(garbage, 0);
    writeFileSync(file, garbage);
    expectRefusedUntouched(file, `${file}: is corrupt or not a database (file is not a database)`);
  });

  it('a syncdeck database whose pages after the 100-byte file header were overwritten', async () => {
    const file = join(dir(), 'damaged.db');
    await makeSyncdeckDb(file);
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    try {
      const junk = Buffer.alloc(size - 100, 0xa5);
      writeSync(fd, junk, 0, junk.length, 100);
    } finally {
      closeSync(fd);
    }
    expectRefusedUntouched(file, `${file}: is corrupt or not a database (database disk image is malformed)`);
  });

  it('a directory', () => {
    const path = join(dir(), 'data.db');
    mkdirSync(path);
    let error: unknown;
    try {
      openStore(path);
    } catch (err) {
      error = err;
    }
    expect(error).toEqual(new DbOpenError(`${path}: is a directory, not a database file`));
    expect(listDir(path)).toEqual([]);
    expect(listDir(dir())).toEqual(['data.db']);
  });

  it('a path whose directory does not exist: nothing is created', () => {
    const missing = join(dir(), 'no', 'such');
    const file = join(missing, 'syncdeck.db');
    expect(() => openStore(file)).toThrow(new DbOpenError(`${file}: directory ${missing} does not exist`));
    expect(listDir(dir())).toEqual([]);
  });

  it('a path whose "directory" is a file', () => {
    const notDir = join(dir(), 'plain.txt');
    writeFileSync(notDir, 'x');
    const file = join(notDir, 'syncdeck.db');
    expect(() => openStore(file)).toThrow(new DbOpenError(`${file}: ${notDir} is not a directory`));
    expect(readFileSync(notDir, 'utf8')).toBe('x');
  });

  it('a read-only database file', async () => {
    const file = join(dir(), 'ro.db');
    await makeSyncdeckDb(file);
    makeReadOnly(file);
    expectRefusedUntouched(file, `${file}: cannot open the database for writing: permission denied`);
  });

  it('a database in a directory where its -wal and -shm files cannot be created', async () => {
    const sub = join(dir(), 'locked');
    mkdirSync(sub);
    const file = join(sub, 'syncdeck.db');
    await makeSyncdeckDb(file);
    makeReadOnly(sub);
    let error: unknown;
    const hash = sha256File(file);
    try {
      openStore(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DbOpenError);
    expect((error as Error).message).toMatch(
      new RegExp(`^${escapeRegExp(file)}: cannot write the database or its -wal/-shm files next to it \\(.+\\)$`),
    );
    expect(sha256File(file)).toBe(hash);
    expect(listDir(sub)).toEqual(['syncdeck.db']);
  });

  it('a new database in a directory that cannot be written: nothing is created', () => {
    const sub = join(dir(), 'locked');
    mkdirSync(sub);
    makeReadOnly(sub);
    const file = join(sub, 'syncdeck.db');
    expect(() => openStore(file)).toThrow(new DbOpenError(`${file}: cannot create the database: permission denied`));
    expect(listDir(sub)).toEqual([]);
  });

  it('an SQLite database of another program (a foreign table)', () => {
    const file = join(dir(), 'crm.db');
    const other = new Database(file);
    other.exec(
      `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ivanov')`,
    );
    other.close();
    expectRefusedUntouched(file, `${file}: is not a syncdeck database (it has other tables: customers)`);
  });

  it('an SQLite database of another program that also uses drizzle migrations', () => {
    const file = join(dir(), 'other-app.db');
    const other = new Database(file);
    other.exec(`CREATE TABLE __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric);
      INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('0123abcd', 1700000000000);
      CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)`);
    other.close();
    expectRefusedUntouched(file, `${file}: is not a syncdeck database (it has other tables: users)`);
  });

  it('a database written by a newer version of syncdeck', async () => {
    const file = join(dir(), 'newer.db');
    await makeSyncdeckDb(file);
    const raw = new Database(file);
    raw
      .prepare(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)`)
      .run('from-the-future', 4_102_444_800_000);
    raw.exec(`CREATE TABLE reminders (id INTEGER PRIMARY KEY, task_id TEXT)`); // what that future migration added
    raw.close();
    expect(listDir(dir())).toEqual(['newer.db']);
    expectRefusedUntouched(file, `${file}: written by a newer version of syncdeck; upgrade syncdeck to open it`);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
