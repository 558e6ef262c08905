// The PostgreSQL store's start path in plain SQL (issue 15; docs/ARCHITECTURE.md, Storage).
// Its reads (src/db/postgres/raw-rows.ts) name every column of their tables by the field
// drizzle's schema gives it: a column added to schema.ts and not to the lists fails here,
// not in a row that silently lacks a field. And a start-up storm's common case: an engine
// that starts on a database already migrated and synced by another costs the server a
// few plain reads and its own instance row — no lock, no transaction, no other write —
// counted from the statements the store sends (PgStoreOptions.onStatement).
import { getTableColumns, type Table } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FLEET_FIELDS,
  INSTANCE_FIELDS,
  SERVICE_FIELDS,
  TASK_FIELDS,
  columnOf,
} from '../../../src/db/postgres/raw-rows.js';
import { fleetConfig, instances, services, tasks } from '../../../src/db/postgres/schema.js';
import { openStore, PgStore, type Store } from '../../../src/db/index.js';
import { Engine } from '../../../src/engine/engine.js';
import { resolveIdentity } from '../../../src/engine/identity.js';
import { newInstance } from '../../../src/engine/instances.js';
import { T0, serviceDef, taskDef } from '../../helpers/db-fixtures.js';
import { testConfig } from '../../helpers/engine-fixture.js';
import { STORE_KINDS, useStoreLocation } from '../../helpers/stores.js';

const fieldsAndColumns = (table: Table): [string, string][] =>
  Object.entries(getTableColumns(table)).map(([field, column]) => [field, column.name]);

describe('the plain-SQL rows of the PostgreSQL store', () => {
  it.each([
    ['tasks', tasks, TASK_FIELDS],
    ['services', services, SERVICE_FIELDS],
    ['instances', instances, INSTANCE_FIELDS],
  ] as const)('%s: every column of schema.ts, each under its field', (_, table, fields) => {
    expect(fields.map((f) => [f, columnOf(f)])).toEqual(fieldsAndColumns(table));
  });

  it('the fleet row: what fleetConfig() returns', () => {
    const columns = new Map(fieldsAndColumns(fleetConfig).map(([field, column]) => [field, column] as const));
    expect(FLEET_FIELDS.map((f) => [f, columnOf(f)])).toEqual(FLEET_FIELDS.map((f) => [f, columns.get(f)]));
  });
});

function engineOn(store: Store): Engine {
  const config = testConfig();
  return new Engine({
    store,
    config,
    identity: resolveIdentity(config, 'anna'),
    instance: newInstance('anna', 'engine'),
    location: { database: store.location, config: 'test.yaml', demo: false },
    schedule: true,
  });
}

for (const kind of STORE_KINDS.filter((k) => k === 'postgres')) {
  describe('a second engine starting on a migrated and synced PostgreSQL database', () => {
    const db = useStoreLocation(kind, 'syncdeck-pg-second-start-');
    const open: { engine: Engine; store: Store }[] = [];
    afterEach(async () => {
      for (const o of open.splice(0)) {
        await o.engine.shutdown();
        await o.store.close();
      }
    });

    it('sends a handful of reads and one write, its instance row', async () => {
      const firstStore = openStore(db().location);
      const first = engineOn(firstStore);
      open.push({ engine: first, store: firstStore });
      await first.start();

      const sent: string[] = [];
      const store = PgStore.open(db().location, { onStatement: (text) => sent.push(text) });
      const second = engineOn(store);
      open.push({ engine: second, store });
      await second.start();
      const atStart = sent.splice(0);

      const writes = atStart.filter((s) => /^\s*(INSERT|UPDATE|DELETE|BEGIN|CREATE|SET)\b/i.test(s));
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatch(/^INSERT INTO instances /);
      expect(atStart.filter((s) => /advisory/i.test(s))).toEqual([]);
      // The migration check, the clock, the task list, the definitions compared (one
      // round trip for the fleet row, services and tasks), the instance row, the instance
      // list and the orphan check (recovery), LISTEN. Before: twelve.
      expect(atStart.length).toBeLessThanOrEqual(8);
      expect(atStart.filter((s) => /fleet_config/.test(s))).toHaveLength(1);
    });

    it('on a new database, one of eight instances starting together writes the definitions; the others wait and only compare', async () => {
      const services = [serviceDef('tel'), serviceDef('sms')];
      const tasks = ['calls', 'remind', 'leads'].map((id, i) => taskDef(id, i % 2 ? 'sms' : 'tel'));
      const sent = Array.from({ length: 8 }, () => [] as string[]);
      const stores = sent.map((log) => PgStore.open(db().location, { onStatement: (text) => log.push(text) }));
      try {
        await Promise.all(
          stores.map((store, i) =>
            store.syncDefinitions(services, tasks, T0, { version: 'v1', writtenBy: `i${i}@host`, fileModifiedAt: T0 }),
          ),
        );
        const writers = sent.filter((log) => log.some((s) => /insert into "?tasks"? /i.test(s)));
        expect(writers).toHaveLength(1);
        // A new database's first definitions: one plain INSERT of every task, without drizzle.
        expect(writers[0]!.filter((s) => /insert into "?tasks"? /i.test(s))).toEqual([
          expect.stringMatching(/^INSERT INTO tasks \(/),
        ]);
        for (const log of sent.filter((l) => l !== writers[0])) {
          expect(log.filter((s) => /^\s*(insert|update|delete)\b/i.test(s))).toEqual([]);
          // The fleet row, services and tasks in one plain statement: no drizzle query (the write path's).
          for (const read of log.filter((s) => /^\s*select\b[^]*fleet_config/i.test(s)))
            expect(read).toMatch(/FROM services[^]*FROM tasks/);
        }
        expect((await stores[0]!.listTasks()).map((t) => t.id)).toEqual(['calls', 'leads', 'remind']);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });
  });
}
