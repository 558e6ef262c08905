// Opens (or creates) a syncdeck SQLite database. Every check that can fail runs before
// anything is written, so a wrong, corrupt or newer file is reported and left untouched.
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DbOpenError, isCorruptError } from '../errors.js';
import { assertNotNewer, isUpToDate, migrate, sqliteMigrations } from './migrate.js';
import { nativeBinding } from './native-binding.js';

/** How long one statement may wait for a lock while blocking the event loop; the store retries after. */
export const BUSY_TIMEOUT_MS = 100;

/**
 * WAL frames between automatic checkpoints (SQLite's default is 1 000). A run's two commits
 * write about 11 frames each, so at the default every ~90th commit paid for a checkpoint and
 * its two fsyncs; at 4 000 the checkpoints are a quarter as many and copy each hot page
 * (the tasks, the newest index leaves) once for more commits. The -wal file grows to about
 * 16 MB instead of 4 MB. A process that dies loses nothing either way (its commits are in
 * the WAL); on power loss `synchronous = NORMAL` may lose the commits since the WAL was
 * last synced, as before, now up to 4 000 frames of them (BENCHMARKS.md, Cheaper runs).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 4_000;

const SQLITE_HEADER = 'SQLite format 3\0';

function errnoMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on device';
  return (err as Error).message;
}

function checkExistingFile(file: string): void {
  const st = statSync(file);
  if (st.isDirectory()) throw new DbOpenError(`${file}: is a directory, not a database file`);
  if (!st.isFile()) throw new DbOpenError(`${file}: is not a regular file`);
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch (err) {
    throw new DbOpenError(`${file}: cannot open the database for writing: ${errnoMessage(err)}`);
  }
  if (st.size === 0) return; // SQLite treats an empty file as a new database
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n < 16 || head.toString('latin1') !== SQLITE_HEADER) {
      throw new DbOpenError(`${file}: is not a syncdeck database (not an SQLite file)`);
    }
  } finally {
    closeSync(fd);
  }
}

function createFile(file: string): void {
  const dir = dirname(file);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new DbOpenError(`${file}: directory ${dir} does not exist`);
  }
  if (!st.isDirectory()) throw new DbOpenError(`${file}: ${dir} is not a directory`);
  try {
    // 0600: run history holds request and response bodies; it is the user's alone.
    closeSync(openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return; // another process created it first
    throw new DbOpenError(`${file}: cannot create the database: ${errnoMessage(err)}`);
  }
}

function checkSchemaIsOurs(db: Database.Database, file: string): void {
  const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
    (r) => r.name,
  );
  const foreign = names.filter((n) => !n.startsWith('sqlite_') && n !== '__drizzle_migrations');
  if (foreign.length === 0) return;
  // Another program may use drizzle's bookkeeping table too: ours records our first migration.
  const ours =
    names.includes('__drizzle_migrations') &&
    db.prepare(`SELECT 1 FROM __drizzle_migrations WHERE hash = ?`).get(sqliteMigrations.firstHash()) !== undefined;
  if (!ours) {
    throw new DbOpenError(
      `${file}: is not a syncdeck database (it has other tables: ${foreign.slice(0, 3).join(', ')})`,
    );
  }
}

export interface OpenedDb {
  db: Database.Database;
  file: string;
}

export function openSqlite(path: string): OpenedDb {
  if (!path || !path.trim()) throw new DbOpenError('database path is empty (use --db FILE)');
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') {
    let exists = true;
    try {
      statSync(file);
    } catch {
      exists = false;
    }
    if (exists) checkExistingFile(file);
    else createFile(file);
  }

  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      fileMustExist: file !== ':memory:',
      timeout: BUSY_TIMEOUT_MS,
      nativeBinding: nativeBinding(),
    });
    const opened = db;
    // Another process may hold the lock while it creates the schema: wait for it.
    retryBusyAtStartup(() => {
      checkSchemaIsOurs(opened, file);
      assertNotNewer(opened, file);
    });
    // Pragmas that write the file come only after the checks above; a file already in WAL
    // mode is not asked again (many instances starting together would queue for nothing).
    if (String(opened.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal')
      retryBusyAtStartup(() => opened.pragma('journal_mode = WAL'));
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    let upToDate = false;
    retryBusyAtStartup(() => (upToDate = isUpToDate(opened)));
    if (!upToDate) retryBusyAtStartup(() => migrate(opened));
    return { db, file };
  } catch (err) {
    db?.close();
    if (err instanceof DbOpenError) throw err;
    if (isCorruptError(err)) throw new DbOpenError(`${file}: is corrupt or not a database (${(err as Error).message})`);
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
      throw new DbOpenError(
        `${file}: cannot write the database or its -wal/-shm files next to it (${(err as Error).message})`,
      );
    }
    throw err;
  }
}

/**
 * Opens an existing database for reading only, or throws: no file is created, nothing is
 * migrated, no pragma is set. A file another syncdeck has not brought to this version's
 * schema (older or newer) is refused rather than read with the wrong queries. For the
 * dashboard's preview while its engine starts (docs/ARCHITECTURE.md, Composition root).
 */
export function openSqliteReadOnly(path: string): OpenedDb {
  if (!path || !path.trim() || path === ':memory:') throw new DbOpenError('no database file to read');
  const file = resolve(path);
  checkExistingFile(file);
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    timeout: BUSY_TIMEOUT_MS,
    nativeBinding: nativeBinding(),
  });
  try {
    checkSchemaIsOurs(db, file);
    if (!isUpToDate(db)) throw new DbOpenError(`${file}: not at this version's schema`);
    return { db, file };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Two processes creating the database at once: the one that loses the lock waits and retries. */
function retryBusyAtStartup(step: () => unknown): void {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      step();
      return;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // start-up only, before any UI
    }
  }
}
