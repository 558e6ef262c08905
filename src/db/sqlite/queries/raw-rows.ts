// Whole rows of a table read by a plain better-sqlite3 statement in raw mode (each row an
// array of column values), without drizzle's row mapping: a generated function turns each
// array into the table's row object with one object literal, and only the few columns that
// are not plain text or numbers (booleans, JSON) are converted. drizzle's mapResultRow on
// the 500-task list was a tenth of `status --json`; better-sqlite3's own row objects (a
// property set by name per column per row) were still most of the read (BENCHMARKS.md,
// Where it goes).
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/** Columns whose driver value is the row's value as it is. */
const AS_STORED = new Set(['SQLiteText', 'SQLiteInteger', 'SQLiteReal']);

export interface RawRows<Row> {
  /** `SELECT <every column> FROM <table>`: add WHERE / ORDER BY; prepare it with `.raw()`. */
  select: string;
  /** The table's rows from what a raw statement returned (arrays in `select`'s column order). */
  rows(raw: unknown[]): Row[];
  row(raw: unknown): Row | undefined;
}

export function rawRows<T extends SQLiteTable>(table: T): RawRows<T['$inferSelect']> {
  const columns = Object.values(getTableColumns(table)) as Column[];
  const list = columns.map((c) => `"${c.name}"`).join(', ');
  const build = objectOf(
    Object.keys(getTableColumns(table)),
    columns.map((c) => (AS_STORED.has(c.columnType) ? null : (v: unknown): unknown => c.mapFromDriverValue(v))),
  ) as (raw: unknown[]) => T['$inferSelect'];
  return {
    select: `SELECT ${list} FROM "${getTableName(table)}"`,
    rows: (raw) => raw.map((r) => build(r as unknown[])),
    row: (raw) => (raw === undefined ? undefined : build(raw as unknown[])),
  };
}

/** Turns a column's driver value (never null) into the row's value. */
type Convert = (value: unknown) => unknown;

/**
 * `(a) => ({ "field0": a[0], "field1": a[1] === null ? null : c[1](a[1]), … })`: one literal
 * makes every row with the same shape at once, where setting the fields one by one (a loop,
 * or the driver's row objects) costs a property store per column per row in code that runs
 * once. The fields are the schema's own names (JSON-quoted), never data. `convert[i]`: how
 * field i's value is converted (null: as it is).
 */
export function objectOf(
  fields: readonly string[],
  convert: readonly (Convert | null)[] = [],
): (values: unknown[]) => Record<string, unknown> {
  const literal = fields
    .map((f, i) => `${JSON.stringify(f)}: ${convert[i] ? `a[${i}] === null ? null : c[${i}](a[${i}])` : `a[${i}]`}`)
    .join(', ');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the schema's field names (see above)
  const make = new Function('c', `return (a) => ({ ${literal} });`) as (
    c: readonly (Convert | null)[],
  ) => (values: unknown[]) => Record<string, unknown>;
  return make(convert);
}
