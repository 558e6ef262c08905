// rawRows (src/db/sqlite/queries/raw-rows.ts): whole rows read by a plain statement in raw
// mode come out exactly as drizzle's select maps them: fields named as in the schema, booleans as
// booleans, JSON columns parsed, nulls kept.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../../src/db/index.js';
import { objectOf, rawRows } from '../../../src/db/sqlite/queries/raw-rows.js';
import * as schema from '../../../src/db/sqlite/schema.js';
import { T0, serviceDef, taskDef } from '../../helpers/db-fixtures.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-raw-rows-');
let open: Database.Database | null = null;

afterEach(() => {
  open?.close();
  open = null;
});

async function seeded(): Promise<string> {
  const file = join(dir(), 'r.db');
  const store = openStore(file);
  await store.syncDefinitions(
    [serviceDef('svc'), serviceDef('gone')],
    [taskDef('a', 'svc'), taskDef('b', 'svc', { cron: '0 * * * *', intervalMs: null })],
    T0,
  );
  await store.syncDefinitions([serviceDef('svc')], [taskDef('a', 'svc')], T0 + 1); // b and gone leave the config
  await store.setPaused('a', true);
  await store.registerInstance({
    id: 'i1',
    user: 'u',
    host: 'h',
    pid: 1,
    kind: 'engine',
    startedAt: T0,
    heartbeatAt: T0,
    stoppedAt: null,
    roles: ['ops', 'lab'],
    schedules: true,
  });
  await store.registerInstance({
    id: 'i2',
    user: 'u',
    host: 'h',
    pid: 2,
    kind: 'cli',
    startedAt: T0,
    heartbeatAt: T0,
    stoppedAt: null,
  });
  await store.close();
  return file;
}

it('rawRows.rows: tasks, services and instances read as drizzle maps them', async () => {
  const file = await seeded();
  open = new Database(file);
  const orm = drizzle(open, { schema });
  for (const table of [schema.tasks, schema.services, schema.instances, schema.runs]) {
    const raw = rawRows(table);
    const rows = raw.rows(open.prepare(`${raw.select} ORDER BY 1`).raw().all());
    expect(rows).toEqual(
      orm
        .select()
        .from(table)
        .orderBy(sql`1`)
        .all(),
    );
  }
  const tasks = rawRows(schema.tasks).rows(
    open
      .prepare(`${rawRows(schema.tasks).select} ORDER BY id`)
      .raw()
      .all(),
  );
  expect(tasks.map((t) => [t.id, t.paused, t.inConfig, t.cron])).toEqual([
    ['a', true, true, null],
    ['b', false, false, '0 * * * *'],
  ]);
  const instances = rawRows(schema.instances);
  expect(
    instances.rows(open.prepare(`${instances.select} ORDER BY id`).raw().all()).map((i) => [i.roles, i.schedules]),
  ).toEqual([
    [['ops', 'lab'], true],
    [[], false],
  ]);
});

it('rawRows.row: one row converted, and undefined when the statement found none', async () => {
  const file = await seeded();
  open = new Database(file);
  const services = rawRows(schema.services);
  const get = open.prepare(`${services.select} WHERE id = ?`).raw();
  expect(services.row(get.get('gone'))).toMatchObject({ id: 'gone', inConfig: false });
  expect(services.row(get.get('nobody'))).toBeUndefined();
});

it('objectOf: one object per array, fields in order, names quoted (never code)', () => {
  const make = objectOf(['id', 'base"Url', 'x\\y']);
  const row = make(['a', 2, null]);
  expect(row).toEqual({ id: 'a', 'base"Url': 2, 'x\\y': null });
  expect(Object.keys(row)).toEqual(['id', 'base"Url', 'x\\y']);
  expect(make(['b', 3, 4])).not.toBe(row);
  const converted = objectOf(['n', 'flag'], [null, (v) => v === 1]);
  expect(converted([1, 1])).toEqual({ n: 1, flag: true });
  expect(converted([null, null])).toEqual({ n: null, flag: null });
});
