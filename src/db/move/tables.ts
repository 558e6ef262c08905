// What migrate-store copies, table by table: each read from SQLite in keyset order and
// written to PostgreSQL in batches. Tables keyed by an id (runs, logs, exchanges, alerts,
// their deliveries and attempts, in that order for the foreign keys) are inserted
// with their ids (and resume after the target's highest id); the small keyed-by-name
// tables are upserted (the source wins), so a second pass changes nothing.
import { and, asc, eq, getTableColumns, gt, or, sql, type Column } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import * as pgs from '../postgres/schema.js';
import * as lite from '../sqlite/schema.js';
import type { LiteDb, PgDb } from './handles.js';

export type Row = Record<string, unknown>;

export interface UpsertTable {
  label: string;
  batch: number;
  /** Rows after the cursor (null: from the start), in key order. */
  read(src: LiteDb, after: Row | null, limit: number): Row[];
  write(dst: PgDb, rows: Row[]): Promise<void>;
}

export interface IdTable {
  label: string;
  batch: number;
  src:
    | typeof lite.runs
    | typeof lite.runLogs
    | typeof lite.runExchanges
    | typeof lite.alerts
    | typeof lite.alertDeliveries
    | typeof lite.alertAttempts;
  dst:
    | typeof pgs.runs
    | typeof pgs.runLogs
    | typeof pgs.runExchanges
    | typeof pgs.alerts
    | typeof pgs.alertDeliveries
    | typeof pgs.alertAttempts;
  /** Name of the table, for the identity sequence. */
  sqlName: string;
}

const all = <T extends Row>(rows: T[]): Row[] => rows;

type KeyedSource =
  | typeof lite.services
  | typeof lite.tasks
  | typeof lite.instances
  | typeof lite.fleetConfig
  | typeof lite.unrunnableTasks;
type KeyedTarget =
  typeof pgs.services | typeof pgs.tasks | typeof pgs.instances | typeof pgs.fleetConfig | typeof pgs.unrunnableTasks;

/** A table keyed by one column: read in key order after the cursor, upserted by that key (the source wins). */
function keyedTable(
  label: string,
  src: KeyedSource,
  dst: KeyedTarget,
  key: 'id' | 'taskId',
  opts: { batch?: number; adapt?: (row: Row) => Row; set?: Record<string, ReturnType<typeof sql>> } = {},
): UpsertTable {
  const srcKey = getTableColumns(src)[key as keyof typeof src.$inferSelect] as Column;
  const dstKey = getTableColumns(dst)[key as keyof typeof dst.$inferSelect] as PgColumn;
  // One concrete table type for drizzle; every keyed table is read and written the same way.
  const s = src as typeof lite.services;
  const d = dst as typeof pgs.services;
  return {
    label,
    batch: opts.batch ?? 1000,
    read: (db, after, limit) =>
      all(
        db
          .select()
          .from(s)
          .where(after ? gt(srcKey, after[key]) : undefined)
          .orderBy(asc(srcKey))
          .limit(limit)
          .all(),
      ),
    write: async (db, rows) => {
      await db
        .insert(d)
        .values((opts.adapt ? rows.map(opts.adapt) : rows) as (typeof pgs.services.$inferInsert)[])
        .onConflictDoUpdate({ target: dstKey, set: opts.set ?? excludedAll(dst, [key]) });
    },
  };
}

export const UPSERT_TABLES: UpsertTable[] = [
  keyedTable('services', lite.services, pgs.services, 'id'),
  // Schedule state comes along; leases stay behind (nobody runs anything there yet). The
  // epoch is kept, so fencing tokens keep growing past those of the copied runs.
  keyedTable('tasks', lite.tasks, pgs.tasks, 'id', {
    adapt: (r) => ({
      ...r,
      leaseOwner: null,
      leaseExpiresAt: null,
      leaseRunId: null,
      stopRequestedBy: null,
      stopRequestedAt: null,
    }),
    set: {
      ...excludedAll(pgs.tasks, ['id']),
      leaseEpoch: sql`GREATEST(${pgs.tasks.leaseEpoch}, excluded.lease_epoch)`,
    },
  }),
  // They ran on the old database: on the new one they are history (names for the runs).
  keyedTable('instances', lite.instances, pgs.instances, 'id', {
    adapt: (r) => ({ ...r, stoppedAt: r.stoppedAt ?? r.heartbeatAt }),
  }),
  {
    label: 'task state',
    batch: 1000,
    read: (src, after, limit) =>
      all(
        src
          .select()
          .from(lite.taskState)
          .where(
            after
              ? or(
                  gt(lite.taskState.taskId, after.taskId as string),
                  and(eq(lite.taskState.taskId, after.taskId as string), gt(lite.taskState.key, after.key as string)),
                )
              : undefined,
          )
          .orderBy(asc(lite.taskState.taskId), asc(lite.taskState.key))
          .limit(limit)
          .all(),
      ),
    write: async (dst, rows) => {
      await dst
        .insert(pgs.taskState)
        .values(rows as (typeof pgs.taskState.$inferInsert)[])
        .onConflictDoUpdate({
          target: [pgs.taskState.taskId, pgs.taskState.key],
          set: excludedAll(pgs.taskState, ['taskId', 'key']),
        });
    },
  },
  // The fleet's config version: without it the first instance on the new database would
  // find every task's definition hash unrecorded (docs/config.md, One config for the fleet).
  keyedTable('fleet config', lite.fleetConfig, pgs.fleetConfig, 'id', { batch: 10 }),
  // Open unrunnable episodes: an alert already sent for one is not sent again after the move.
  keyedTable('unrunnable tasks', lite.unrunnableTasks, pgs.unrunnableTasks, 'taskId'),
];

export const ID_TABLES: IdTable[] = [
  { label: 'runs', batch: 1000, src: lite.runs, dst: pgs.runs, sqlName: 'runs' },
  { label: 'run logs', batch: 2000, src: lite.runLogs, dst: pgs.runLogs, sqlName: 'run_logs' },
  // Bodies run to 64 KiB each way: small batches keep a batch's memory modest.
  { label: 'exchanges', batch: 100, src: lite.runExchanges, dst: pgs.runExchanges, sqlName: 'run_exchanges' },
  // Alerts keep their keys (one per task and episode), so none is raised again after the move.
  { label: 'alerts', batch: 1000, src: lite.alerts, dst: pgs.alerts, sqlName: 'alerts' },
  {
    label: 'alert deliveries',
    batch: 1000,
    src: lite.alertDeliveries,
    dst: pgs.alertDeliveries,
    sqlName: 'alert_deliveries',
  },
  { label: 'alert attempts', batch: 1000, src: lite.alertAttempts, dst: pgs.alertAttempts, sqlName: 'alert_attempts' },
];

/** `SET col = excluded.col` for every column but the key. */
function excludedAll(
  table:
    | typeof pgs.services
    | typeof pgs.tasks
    | typeof pgs.instances
    | typeof pgs.taskState
    | typeof pgs.fleetConfig
    | typeof pgs.unrunnableTasks,
  keys: string[],
): Record<string, ReturnType<typeof sql>> {
  const set: Record<string, ReturnType<typeof sql>> = {};
  const columns: Record<string, Column> = getTableColumns(table);
  for (const [prop, column] of Object.entries(columns)) {
    if (!keys.includes(prop)) set[prop] = sql.raw(`excluded."${column.name}"`);
  }
  return set;
}
