// The PostgreSQL store's plain-SQL reads (src/db/postgres/raw-rows.ts) name every column
// of their tables, by the field drizzle's schema gives it: a column added to schema.ts
// and not to the lists fails here, not in a row that silently lacks a field.
import { getTableColumns, type Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  FLEET_FIELDS,
  INSTANCE_FIELDS,
  SERVICE_FIELDS,
  TASK_FIELDS,
  columnOf,
} from '../../../src/db/postgres/raw-rows.js';
import { fleetConfig, instances, services, tasks } from '../../../src/db/postgres/schema.js';

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
