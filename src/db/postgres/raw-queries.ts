// The PostgreSQL store's calls that need no drizzle: what an engine does from its start
// until it runs something (compare its definitions, register, look for orphans, list the
// tasks, heartbeat, stop) and what every snapshot reads. Plain SQL through raw-rows.ts;
// the rest of the store (runs, leases, history, alerts) is drizzle's, loaded on first use.
// Times in and out are the server's clock, as in queries/.
import type pg from 'pg';
import { byId, nothingToWrite } from '../definitions-diff.js';
import type {
  FleetClaim,
  FleetConfigRow,
  InstanceInput,
  InstanceRow,
  LeaseRenewal,
  ServiceDef,
  ServiceRow,
  TaskDef,
  TaskRow,
} from '../types.js';
import {
  INSTANCE_FIELDS,
  SELECT_FLEET,
  SELECT_INSTANCES,
  SELECT_SERVICES,
  SELECT_TASKS,
  columnOf,
  rowsOf,
  rowsOfEach,
} from './raw-rows.js';

type Client = pg.ClientBase;

export const listTasks = (c: Client) => rowsOf<TaskRow>(c, `${SELECT_TASKS} ORDER BY id`);
export const listServices = (c: Client) => rowsOf<ServiceRow>(c, `${SELECT_SERVICES} ORDER BY id`);

export async function getTask(c: Client, id: string): Promise<TaskRow | undefined> {
  return (await rowsOf<TaskRow>(c, `${SELECT_TASKS} WHERE id = $1`, [id]))[0];
}

export async function fleetConfig(c: Client): Promise<FleetConfigRow | null> {
  return (await rowsOf<FleetConfigRow>(c, SELECT_FLEET))[0] ?? null;
}

/**
 * The fleet row, the services and the tasks in one round trip, and whether syncing these
 * definitions would write anything: the usual answer at start is no (forty instances of
 * one config starting together), and then nothing is locked or written.
 */
export async function definitionsUnchanged(
  c: Client,
  services: readonly ServiceDef[],
  tasks: readonly TaskDef[],
  claim?: FleetClaim,
): Promise<{ unchanged: boolean; fleet: FleetConfigRow | null; empty: boolean }> {
  const [fleetRows, serviceRows, taskRows] = await rowsOfEach(c, [SELECT_FLEET, SELECT_SERVICES, SELECT_TASKS]);
  const fleet = (fleetRows?.[0] as FleetConfigRow | undefined) ?? null;
  const stored = { services: serviceRows as ServiceRow[], tasks: taskRows as TaskRow[] };
  const unchanged = nothingToWrite(stored, fleet, services, tasks, claim);
  const empty = fleet === null && stored.services.length === 0 && stored.tasks.length === 0;
  return { unchanged, fleet, empty };
}

/** Advisory lock key of definition syncing: "syncdefs" in ASCII, as a number (a session lock: held by the writer around its write). */
export const SYNC_LOCK = 0x73796e6364656673n;

/** Becomes the definitions' writer for this session; false when another instance is writing them. */
export async function becomeWriter(c: Client): Promise<boolean> {
  const [row] = await rowsOf<{ ok: boolean }>(c, 'SELECT pg_try_advisory_lock($1) AS ok', [SYNC_LOCK.toString()]);
  return row?.ok === true;
}

export async function stopWriting(c: Client): Promise<void> {
  await c.query('SELECT pg_advisory_unlock($1)', [SYNC_LOCK.toString()]);
}

/**
 * Waits until the instance writing the definitions is done. A shared lock waits for its
 * exclusive one without making the other waiters queue behind each other (forty instances
 * started together on a new database).
 */
export async function waitForWriter(c: Client): Promise<void> {
  await c.query('BEGIN');
  try {
    await c.query('SET LOCAL statement_timeout = 0');
    await c.query('SELECT pg_advisory_xact_lock_shared($1)', [SYNC_LOCK.toString()]);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

// Every field of a definition, checked by the compiler: a field added to ServiceDef or TaskDef
// must be listed here, or a new database's first definitions would go without it.
const SERVICE_DEF: Record<keyof ServiceDef, true> = { id: true, name: true, baseUrl: true };
const TASK_DEF: Record<keyof TaskDef, true> = {
  id: true,
  name: true,
  type: true,
  serviceId: true,
  role: true,
  intervalMs: true,
  maxIntervalMs: true,
  cron: true,
  timeoutMs: true,
  handlerKind: true,
  enabled: true,
  defHash: true,
};
const SERVICE_DEF_FIELDS = Object.keys(SERVICE_DEF);
const TASK_DEF_FIELDS = Object.keys(TASK_DEF);

/** `INSERT INTO table (columns) VALUES ($1, …), (…)` for these rows, and its parameters. */
function insertRows(table: string, fields: readonly string[], rows: readonly Record<string, unknown>[]) {
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${fields.map((f) => `$${values.push(row[f] ?? null)}`).join(', ')})`);
  return {
    text: `INSERT INTO ${table} (${fields.map((f) => `"${columnOf(f)}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
    values,
  };
}

/**
 * The first definitions of a new database (no service, no task, no fleet row), written by
 * the instance holding the sync lock (becomeWriter) in one transaction of three
 * statements: the serial part of a start-up storm on a new database, which every other
 * instance waits for. What drizzle's write path (queries/definitions.ts) writes in that
 * case, without loading it. Returns the fleet row written (null without a claim).
 */
export async function writeFirstDefinitions(
  c: Client,
  services: readonly ServiceDef[],
  tasks: readonly TaskDef[],
  now: number,
  claim?: FleetClaim,
): Promise<FleetConfigRow | null> {
  const fleet = claim ? { version: claim.version, writtenBy: claim.writtenBy, writtenAt: now } : null;
  await c.query('BEGIN');
  try {
    if (services.length > 0) {
      const rows = byId(services).map((sv) => ({ ...sv, inConfig: true, updatedAt: now }));
      const q = insertRows('services', [...SERVICE_DEF_FIELDS, 'inConfig', 'updatedAt'], rows);
      await c.query(q.text, q.values);
    }
    if (tasks.length > 0) {
      const rows = byId(tasks).map((t) => ({
        ...t,
        inConfig: true,
        updatedAt: now,
        effectiveIntervalMs: t.intervalMs,
      }));
      const q = insertRows('tasks', [...TASK_DEF_FIELDS, 'inConfig', 'updatedAt', 'effectiveIntervalMs'], rows);
      await c.query(q.text, q.values);
    }
    if (fleet)
      await c.query('INSERT INTO fleet_config (id, version, written_by, written_at) VALUES (1, $1, $2, $3)', [
        fleet.version,
        fleet.writtenBy,
        fleet.writtenAt,
      ]);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return fleet;
}

/** Inserts the row, or replaces the fields it has (an instance registering again after a reload of its roles). */
export async function registerInstance(c: Client, row: InstanceInput): Promise<void> {
  const fields = INSTANCE_FIELDS.filter((f) => row[f] !== undefined);
  const values = fields.map((f) => (f === 'roles' ? JSON.stringify(row.roles) : row[f]));
  const columns = fields.map((f) => `"${columnOf(f)}"`);
  await c.query(
    `INSERT INTO instances (${columns.join(', ')}) VALUES (${fields.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${columns.map((col) => `${col} = EXCLUDED.${col}`).join(', ')}`,
    values,
  );
}

export async function heartbeatInstance(c: Client, id: string, now: number): Promise<void> {
  await c.query('UPDATE instances SET heartbeat_at = $1, stopped_at = NULL WHERE id = $2', [now, id]);
}

export async function markInstancesStopped(c: Client, ids: readonly string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await c.query('UPDATE instances SET stopped_at = $1 WHERE id = ANY($2::text[])', [now, [...ids]]);
}

export function listInstances(c: Client, running = false): Promise<InstanceRow[]> {
  return rowsOf<InstanceRow>(c, running ? `${SELECT_INSTANCES} WHERE stopped_at IS NULL` : SELECT_INSTANCES);
}

/** Whether a dead instance left anything to clean up (an expired lease, a run no lease holds): one read, usually no. */
export async function anythingOrphaned(c: Client, now: number): Promise<boolean> {
  const [row] = await rowsOf<{ any: boolean }>(
    c,
    `SELECT EXISTS (SELECT 1 FROM tasks WHERE lease_owner IS NOT NULL AND lease_expires_at < $1)
         OR EXISTS (SELECT 1 FROM runs WHERE outcome = 'running'
                      AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.lease_run_id = runs.id AND t.lease_owner IS NOT NULL)) AS any`,
    [now],
  );
  return row?.any === true;
}

/**
 * Extends every lease this instance holds and says which it still holds, with any stop
 * request on them: one statement (atomic by itself), the rows locked in id order as
 * everywhere. While it runs tasks an engine does this every few seconds and at every
 * change to the tasks (a stop request is one).
 */
export async function renewLeases(c: Client, instanceId: string, expiresAt: number): Promise<LeaseRenewal> {
  const held = await rowsOf<LeaseRenewal['held'][number]>(
    c,
    `UPDATE tasks SET lease_expires_at = $1
      WHERE id IN (SELECT id FROM tasks WHERE lease_owner = $2 ORDER BY id FOR UPDATE)
      RETURNING id AS "taskId", lease_epoch AS epoch, stop_requested_by AS "stopRequestedBy"`,
    [expiresAt, instanceId],
  );
  return { held };
}
