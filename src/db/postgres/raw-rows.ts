// Whole rows of the tables every start and every snapshot reads (tasks, services,
// instances, the fleet row), selected by plain node-postgres queries: each column named by
// its schema field (`service_id AS "serviceId"`), bigint read as a JS number, so a row
// comes out of the driver in its final shape (bigint as a number: the connection's
// parsers, connection.ts). Without drizzle: an engine that starts on
// an up-to-date database never loads drizzle or builds its tables (docs/ARCHITECTURE.md,
// Storage). tests/unit/db/pg-start-path.test.ts checks the lists against schema.ts.
import type pg from 'pg';

/** The fields of each table, in schema.ts's order; the column is the field in snake_case. */
export const TASK_FIELDS = [
  'id',
  'name',
  'type',
  'serviceId',
  'role',
  'intervalMs',
  'maxIntervalMs',
  'cron',
  'timeoutMs',
  'handlerKind',
  'enabled',
  'inConfig',
  'updatedAt',
  'defHash',
  'paused',
  'effectiveIntervalMs',
  'failures',
  'failingSince',
  'interruptions',
  'lastRunId',
  'lastOutcome',
  'lastStartedAt',
  'lastFinishedAt',
  'nextRunAt',
  'recent',
  'leaseOwner',
  'leaseExpiresAt',
  'leaseEpoch',
  'leaseRunId',
  'stopRequestedBy',
  'stopRequestedAt',
] as const;
export const SERVICE_FIELDS = ['id', 'name', 'baseUrl', 'inConfig', 'updatedAt'] as const;
export const INSTANCE_FIELDS = [
  'id',
  'user',
  'host',
  'pid',
  'kind',
  'startedAt',
  'heartbeatAt',
  'stoppedAt',
  'actingUser',
  'roles',
  'schedules',
  'version',
  'clockSkewMs',
  'hostKey',
] as const;
export const FLEET_FIELDS = ['version', 'writtenBy', 'writtenAt'] as const;

export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function selectList(fields: readonly string[]): string {
  return fields.map((f) => (columnOf(f) === f ? `"${f}"` : `"${columnOf(f)}" AS "${f}"`)).join(', ');
}

export const SELECT_TASKS = `SELECT ${selectList(TASK_FIELDS)} FROM tasks`;
export const SELECT_SERVICES = `SELECT ${selectList(SERVICE_FIELDS)} FROM services`;
export const SELECT_INSTANCES = `SELECT ${selectList(INSTANCE_FIELDS)} FROM instances`;
export const SELECT_FLEET = `SELECT ${selectList(FLEET_FIELDS)} FROM fleet_config WHERE id = 1`;

/** One statement's rows, typed by the caller (the SELECT lists above give the row types' fields). */
export async function rowsOf<R>(client: pg.ClientBase, text: string, values?: unknown[]): Promise<R[]> {
  const result = await client.query<R & pg.QueryResultRow>(text, values);
  return result.rows;
}

/** Several statements without parameters in one round trip (the simple protocol): each one's rows. */
export async function rowsOfEach(client: pg.ClientBase, statements: readonly string[]): Promise<unknown[][]> {
  const results = (await client.query(statements.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
  return (Array.isArray(results) ? results : [results]).map((r): unknown[] => r.rows);
}
