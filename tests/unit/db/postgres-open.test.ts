// Opening the PostgreSQL store: the URL is recognised and shown without its password;
// the schema is migrated once even when many instances start together (advisory lock);
// a server that cannot be used is one clear line that never holds the password; a
// database of another program, or of a newer syncdeck, is refused and left untouched.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DbUnavailableError,
  DbOpenError,
  PgStore,
  isPostgresUrl,
  openStore,
  redactUrl,
  type Store,
} from '../../../src/db/index.js';
import { CONNECT_TIMEOUT_MS } from '../../../src/db/postgres/connection.js';
import { parsePgUrl, scrub } from '../../../src/db/postgres/url.js';
import { T0, serviceDef, taskDef } from '../../helpers/db-fixtures.js';
import { silentTcpServer } from '../../helpers/silent-tcp.js';
import { STORE_KINDS, passwordOf, useStoreLocation, withPasswordInEnv } from '../../helpers/stores.js';

describe('a --db value', () => {
  it('is a PostgreSQL URL only with the postgres:// or postgresql:// scheme', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('  postgresql://u@h:5432/db')).toBe(true);
    expect(isPostgresUrl('POSTGRES://u@h/db')).toBe(true);
    expect(isPostgresUrl('/var/lib/syncdeck/postgres.db')).toBe(false);
    expect(isPostgresUrl('postgres.db')).toBe(false);
    expect(isPostgresUrl('mysql://u@h/db')).toBe(false);
  });

  it.each([
    ['postgres://anna:s3cret@db.clinic:5432/syncdeck', 'postgres://anna:***@db.clinic:5432/syncdeck'],
    ['postgresql://anna:p%40ss%2Fw0rd@db/syncdeck', 'postgresql://anna:***@db/syncdeck'],
    ['postgres://anna:raw@pass@db/syncdeck', 'postgres://anna:***@db/syncdeck'],
    ['postgres://anna@db/syncdeck', 'postgres://anna@db/syncdeck'],
    [
      'postgres://db/syncdeck?user=anna&password=s3cret&sslmode=require',
      'postgres://db/syncdeck?user=anna&password=***&sslmode=require',
    ],
    ['postgres://anna:@db/syncdeck', 'postgres://anna:***@db/syncdeck'],
  ])('%s is shown as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('may leave the server to the default (a local socket)', () => {
    expect(parsePgUrl('postgres://anna:s3cret@/syncdeck?host=/run/postgresql').display).toBe(
      'postgres://anna:***@/syncdeck?host=/run/postgresql',
    );
  });

  it('names the password in every form a driver message could hold, PGPASSWORD included', () => {
    const target = parsePgUrl('postgres://anna:p%40ss@db/syncdeck', { PGPASSWORD: 'from-env' });
    expect(target.display).toBe('postgres://anna:***@db/syncdeck');
    expect(target.secrets.sort()).toEqual(['from-env', 'p%40ss', 'p@ss']);
    expect(scrub('auth failed for p@ss (p%40ss), env from-env', target.secrets)).toBe(
      'auth failed for *** (***), env ***',
    );
  });

  it.each([
    ['postgres://anna:s3cret@db', 'names no database'],
    ['postgres://anna:s3cret@db:notaport/x', 'is not a valid PostgreSQL URL'],
  ])('%s is refused in one line without the password', (url, why) => {
    let error: unknown;
    try {
      PgStore.open(url);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DbOpenError);
    expect((error as Error).message).toContain(why);
    expect((error as Error).message).toContain(':***@');
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describe('a server that cannot be used', () => {
  it('nothing listening: every call rejects with one line naming the redacted URL', async () => {
    const store = openStore('postgres://anna:s3cret@127.0.0.1:1/syncdeck');
    expect(store.location).toBe('postgres://anna:***@127.0.0.1:1/syncdeck');
    const why = 'connection refused (is the server running, and listening there?)';
    await expect(store.listTasks()).rejects.toThrow(
      new DbUnavailableError(`postgres://anna:***@127.0.0.1:1/syncdeck: cannot open the database: ${why}`, why),
    );
    await expect(
      store.startRun({
        taskId: 't',
        instanceId: 'i',
        now: T0,
        leaseTtlMs: 1,
        trigger: 'manual',
        startedBy: 'a',
        hasDiagnostics: false,
        onlyIfDue: false,
        interruptedDetailsExpireAt: T0,
      }),
    ).rejects.toBeInstanceOf(DbOpenError);
    await store.close();
  });

  it('a server that takes the connection and never answers: the first connection gives up after its timeout', async () => {
    const silent = await silentTcpServer();
    const { port } = silent;
    const timeouts: unknown[] = [];
    const Client = pg.Client;
    const spy = vi.spyOn(pg, 'Client').mockImplementation(function (this: unknown, config?: string | pg.ClientConfig) {
      timeouts.push(typeof config === 'object' ? config.connectionTimeoutMillis : undefined);
      return new Client(config);
    });
    const store = openStore(`postgres://anna@127.0.0.1:${port}/syncdeck`, { firstConnectTimeoutMs: 200 });
    try {
      await expect(store.listTasks()).rejects.toThrow(/cannot open the database: the server did not answer in time$/);
      // The time asked for, not the 10 s a short command waits by default.
      expect(timeouts).toEqual([200]);
      expect(CONNECT_TIMEOUT_MS).toBe(10_000);
    } finally {
      spy.mockRestore();
      await store.close();
      silent.close();
    }
  });
});

for (const kind of STORE_KINDS.filter((k) => k === 'postgres')) {
  describe('a PostgreSQL server', () => {
    const db = useStoreLocation(kind, 'syncdeck-pg-open-');
    const opened: Store[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    const open = (location = db().location) => {
      const store = openStore(location);
      opened.push(store);
      return store;
    };

    async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
      const client = new pg.Client({ connectionString: db().location });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    }

    it('many instances opening a new database at once all succeed, and each migration is applied once', async () => {
      const stores = Array.from({ length: 8 }, () => open());
      await Promise.all(
        stores.map((s, i) => s.syncDefinitions([serviceDef('tel')], [taskDef(`t${i % 3}`, 'tel')], T0)),
      );
      const journal = JSON.parse(readFileSync('drizzle-pg/meta/_journal.json', 'utf8')) as {
        entries: { when: number }[];
      };
      const applied = await query<{ created_at: string }>(
        'SELECT created_at::text FROM drizzle.__drizzle_migrations ORDER BY id',
      );
      expect(applied.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
      expect((await stores[0]!.listServices()).map((s) => s.id)).toEqual(['tel']);
    });

    it('shows where it is without the password, and takes the password from PGPASSWORD', async () => {
      const password = passwordOf(db().location)!;
      expect(open().location).toBe(db().location.replace(`:${password}@`, ':***@'));
      const { url, env } = withPasswordInEnv(db().location);
      const before = process.env.PGPASSWORD;
      process.env.PGPASSWORD = env.PGPASSWORD;
      try {
        const store = open(url);
        await store.syncDefinitions([serviceDef('tel')], [], T0);
        expect(store.location).toBe(url);
      } finally {
        if (before === undefined) delete process.env.PGPASSWORD;
        else process.env.PGPASSWORD = before;
      }
    });

    it('a wrong password: one line, exit-2 kind, never the password', async () => {
      const url = new URL(db().location);
      url.password = 'wrong-horse-battery';
      const error = await open(url.toString())
        .listTasks()
        .catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DbOpenError);
      expect((error as Error).message).toMatch(
        /^postgres:\/\/\w+:\*\*\*@127\.0\.0\.1:\d+\/syncdeck_t_\w+: cannot open the database: password authentication failed for user "\w+"$/,
      );
      expect((error as Error).stack).not.toContain('wrong-horse-battery');
    });

    it("a database holding another program's tables is refused and left untouched", async () => {
      await query('CREATE TABLE patients (id int PRIMARY KEY, name text)');
      await query("INSERT INTO patients VALUES (1, 'Ivanov')");
      await expect(open().listTasks()).rejects.toThrow(
        /: is not a syncdeck database \(it has other tables: patients\)$/,
      );
      expect(
        await query(`SELECT tablename FROM pg_tables WHERE schemaname IN ('public', 'drizzle') ORDER BY tablename`),
      ).toEqual([{ tablename: 'patients' }]);
    });

    it('a database written by a newer syncdeck is refused, and nothing is applied', async () => {
      await open().listTasks();
      await query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
        'future',
        Date.now() + 10 * 365 * 86_400_000,
      ]);
      const before = await query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
      await expect(open().listTasks()).rejects.toThrow(
        /: written by a newer version of syncdeck; upgrade syncdeck to use it$/,
      );
      expect(await query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).toEqual(before);
    });
  });
}
