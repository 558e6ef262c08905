// `history`'s filters checked against what exists: a task, service, type or user that is not
// known is a usage error naming the known values (exit 2), as an unknown --outcome is,
// rather than an empty answer that reads as "nothing happened".
import type { EngineApi } from '../engine/api.js';
import type { HistoryQuery } from '../engine/types.js';
import { usageError } from './errors.js';

export type HistoryCatalog = Awaited<ReturnType<EngineApi['catalog']>>;

const known = (values: readonly string[]) => (values.length ? values.join(', ') : 'none');

/**
 * Throws a usage error for the first unknown value. `ranBefore(user)`: someone who is no
 * longer in the config may still have started runs; their history stays reachable.
 */
export async function checkHistoryFilters(
  query: Pick<HistoryQuery, 'taskId' | 'service' | 'type' | 'startedBy'>,
  catalog: HistoryCatalog,
  ranBefore: (user: string) => Promise<boolean>,
): Promise<void> {
  const tasks = catalog.tasks.map((t) => t.id);
  if (query.taskId !== undefined && !tasks.includes(query.taskId))
    throw usageError(`--task: no task "${query.taskId}" (tasks: ${known(tasks)})`);
  const services = catalog.services.map((s) => s.id);
  if (query.service !== undefined && !services.includes(query.service))
    throw usageError(`--service: no service "${query.service}" (services: ${known(services)})`);
  if (query.type !== undefined && !catalog.types.includes(query.type))
    throw usageError(`--type: no task type "${query.type}" (types: ${known(catalog.types)})`);
  const by = query.startedBy;
  if (by !== undefined && !catalog.users.includes(by) && !(await ranBefore(by)))
    throw usageError(`--by: no user "${by}" (users: ${known(catalog.users)})`);
}
