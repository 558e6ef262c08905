import { getTableColumns } from 'drizzle-orm';
import { instances } from '../schema.js';
import type { InstanceInput, InstanceRow } from '../../types.js';
import type { Db } from './db.js';
import { preparedFor, statementsByShape } from './prepared.js';
import { rawRows } from './raw-rows.js';

const instanceRows = rawRows(instances);

// Plain statements: a snapshot lists the instances, and building even one statement with
// drizzle costs a short command its query builder's first (unoptimised) run.
const statements = preparedFor((db: Db) => ({
  heartbeat: db.raw.prepare('UPDATE instances SET heartbeat_at = @now, stopped_at = NULL WHERE id = @id'),
  // Rows without drizzle's mapping (raw-rows.ts).
  list: db.raw.prepare(instanceRows.select).raw(),
  running: db.raw.prepare(`${instanceRows.select} WHERE stopped_at IS NULL`).raw(),
  stopped: db.raw.prepare('UPDATE instances SET stopped_at = ? WHERE id IN (SELECT value FROM json_each(?))'),
}));

const columns = getTableColumns(instances);
/** One statement per set of fields given (older callers leave the later fields out: their defaults apply). */
const registers = statementsByShape();

/** Inserts the row, or updates the fields given: what drizzle's insert … onConflictDoUpdate({ set: row }) did, as a plain statement. */
export function registerInstance(db: Db, row: InstanceInput): void {
  const fields = (Object.keys(columns) as (keyof typeof columns)[]).filter((f) => row[f] !== undefined);
  const key = fields.join(',');
  const insert = registers(db, key, () => {
    const names = fields.map((f) => `"${columns[f].name}"`);
    return (
      `INSERT INTO instances (${names.join(', ')}) VALUES (${fields.map((f) => `@${f}`).join(', ')}) ` +
      `ON CONFLICT (id) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}`
    );
  });
  insert.run(Object.fromEntries(fields.map((f) => [f, columns[f].mapToDriverValue(row[f])])));
}

export function heartbeatInstance(db: Db, id: string, now: number): void {
  statements(db).heartbeat.run({ id, now });
}

export function markInstancesStopped(db: Db, ids: readonly string[], now: number): void {
  if (ids.length === 0) return;
  statements(db).stopped.run(now, JSON.stringify(ids));
}

export function listInstances(db: Db, running = false): InstanceRow[] {
  return instanceRows.rows((running ? statements(db).running : statements(db).list).all());
}
