// Whole rows of a table read by a plain better-sqlite3 statement, without drizzle's row
// mapping: SQLite names each column by its field (`service_id AS "serviceId"`), so a row
// comes out of the driver in its final shape and only the few columns that are not plain
// text or numbers (booleans, JSON) are converted. drizzle's mapResultRow on the 500-task
// list was a tenth of `status --json` (BENCHMARKS.md, Where it goes).
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/** Columns whose driver value is the row's value as it is. */
const AS_STORED = new Set(['SQLiteText', 'SQLiteInteger', 'SQLiteReal']);

export interface RawRows<Row> {
  /** `SELECT <every column AS its field> FROM <table>`: add WHERE / ORDER BY. */
  select: string;
  /** Converts the rows the statement returned (in place) to the table's row type. */
  rows(raw: unknown[]): Row[];
  row(raw: unknown): Row | undefined;
}

export function rawRows<T extends SQLiteTable>(table: T): RawRows<T['$inferSelect']> {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  const list = columns.map(([field, c]) => `"${c.name}" AS "${field}"`).join(', ');
  const converted = columns.filter(([, c]) => !AS_STORED.has(c.columnType));
  const fix = (raw: unknown): T['$inferSelect'] => {
    const r = raw as Record<string, unknown>;
    for (const [field, c] of converted) {
      const v = r[field];
      if (v !== null && v !== undefined) r[field] = c.mapFromDriverValue(v);
    }
    return r;
  };
  return {
    select: `SELECT ${list} FROM "${getTableName(table)}"`,
    rows: (raw) => (converted.length === 0 ? (raw as T['$inferSelect'][]) : raw.map(fix)),
    row: (raw) => (raw === undefined ? undefined : fix(raw)),
  };
}
