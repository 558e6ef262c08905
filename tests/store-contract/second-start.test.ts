// A start-up storm's common case, on every store (issue 15, item 3): an instance that finds
// the schema at the latest migration and the fleet's definitions equal to its own needs
// no lock and writes nothing. Proved by holding what a writer would need (SQLite: the
// write lock; PostgreSQL: the migration and definition-sync locks) in another session
// while the second instance opens the database and syncs: it finishes all the same.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../src/db/index.js';
import { MIGRATION_LOCK } from '../../src/db/postgres/migrate.js';
import { SYNC_LOCK } from '../../src/db/postgres/raw-queries.js';
import { T0, serviceDef, taskDef } from '../helpers/db-fixtures.js';
import { STORE_KINDS, useStoreLocation, type StoreKind } from '../helpers/stores.js';

const SERVICES = [serviceDef('tel'), serviceDef('sms')];
const TASKS = [taskDef('calls', 'tel'), taskDef('remind', 'sms')];
const CLAIM = { version: 'v1', writtenBy: 'first@host', fileModifiedAt: T0 - 60_000 };

interface HeldLocks {
  /** Resolves once a writer is seen waiting for the locks (PostgreSQL; SQLite: its retries go on). */
  writerWaits(): Promise<void>;
  release(): Promise<void>;
}

/** Holds, in a session of its own, every lock a migration or a definitions write would take. */
async function holdWriterLocks(kind: StoreKind, location: string): Promise<HeldLocks> {
  if (kind === 'sqlite') {
    const db = new Database(location);
    db.exec('BEGIN IMMEDIATE');
    return {
      // A writer retries every few ms while the lock is held; a read of another connection goes on meanwhile.
      writerWaits: async () => void new Database(location, { readonly: true }).close(),
      release: async () => {
        db.exec('ROLLBACK');
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1), pg_advisory_lock($2)', [
    MIGRATION_LOCK.toString(),
    SYNC_LOCK.toString(),
  ]);
  return {
    writerWaits: () =>
      vi.waitFor(
        async () => {
          const { rows } = await client.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
          expect(rows.length).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 20 },
      ),
    release: async () => {
      await client.query('SELECT pg_advisory_unlock_all()');
      await client.end();
    },
  };
}

describe.each(STORE_KINDS)('%s store: a second start on a migrated and synced database', (kind) => {
  const db = useStoreLocation(kind, 'syncdeck-second-start-');
  let first: Store;

  beforeEach(async () => {
    first = openStore(db().location);
    await first.syncDefinitions(SERVICES, TASKS, T0, CLAIM);
  });
  afterEach(async () => {
    await first.close();
  });

  it('migrates nothing and writes no definition while a writer holds every lock', async () => {
    const locks = await holdWriterLocks(kind, db().location);
    const second = openStore(db().location);
    try {
      const sync = await second.syncDefinitions(SERVICES, TASKS, T0 + 5_000, {
        ...CLAIM,
        writtenBy: 'second@host',
      });
      expect(sync.fleet).toMatchObject({ version: 'v1', writtenBy: 'first@host', writtenAt: T0 });
      expect((await second.listTasks()).map((t) => t.updatedAt)).toEqual([T0, T0]);
    } finally {
      await second.close();
      await locks.release();
    }
  });

  it('a changed definition does wait for the lock: the test above would see a writer', async () => {
    const locks = await holdWriterLocks(kind, db().location);
    const second = openStore(db().location);
    let done = false;
    const sync = second
      .syncDefinitions(SERVICES, [taskDef('calls', 'tel', { name: 'Calls, renamed' })], T0 + 5_000, {
        ...CLAIM,
        version: 'v2',
        fileModifiedAt: T0 + 1_000, // edited after the fleet's version was written: this claim wins
      })
      .finally(() => (done = true));
    try {
      await locks.writerWaits();
      expect(done).toBe(false);
    } finally {
      await locks.release();
    }
    await sync;
    expect((await second.listTasks()).find((t) => t.id === 'calls')?.name).toBe('Calls, renamed');
    await second.close();
  });
});
