import { inArray } from 'drizzle-orm';
import { instances } from '../schema.js';
import type { InstanceInput, InstanceRow } from '../../types.js';
import type { Db } from './db.js';
import { preparedFor } from './prepared.js';
import { rawRows } from './raw-rows.js';

const instanceRows = rawRows(instances);

// Plain statements: a snapshot lists the instances, and building even one statement with
// drizzle costs a short command its query builder's first (unoptimised) run.
const statements = preparedFor((db: Db) => ({
  heartbeat: db.raw.prepare('UPDATE instances SET heartbeat_at = @now, stopped_at = NULL WHERE id = @id'),
  // Rows without drizzle's mapping (raw-rows.ts).
  list: db.raw.prepare(instanceRows.select),
  running: db.raw.prepare(`${instanceRows.select} WHERE stopped_at IS NULL`),
}));

export function registerInstance(db: Db, row: InstanceInput): void {
  db.orm.insert(instances).values(row).onConflictDoUpdate({ target: instances.id, set: row }).run();
}

export function heartbeatInstance(db: Db, id: string, now: number): void {
  statements(db).heartbeat.run({ id, now });
}

export function markInstancesStopped(db: Db, ids: readonly string[], now: number): void {
  if (ids.length === 0) return;
  db.orm
    .update(instances)
    .set({ stoppedAt: now })
    .where(inArray(instances.id, [...ids]))
    .run();
}

export function listInstances(db: Db, running = false): InstanceRow[] {
  return instanceRows.rows((running ? statements(db).running : statements(db).list).all());
}
