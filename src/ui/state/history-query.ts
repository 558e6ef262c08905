// The history filters as an engine query, and the few facts about them the screen needs.
import type { HistoryQuery } from '../../engine/types.js';
import { NO_FILTERS, type HistoryFilters, type SinceChoice } from './history-state.js';

/** Matching runs are counted exactly up to this many; above it the screen says "10 000+". */
export const COUNT_BOUND = 10_000;
/** New runs above a deep window are counted up to this many ("100+ new runs"). */
export const NEW_RUNS_CAP = 100;

const HOUR = 3_600_000;
const SINCE_MS: Record<Exclude<SinceChoice, 'any'>, number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR };

export function filterQuery(filters: HistoryFilters, now: number): Omit<HistoryQuery, 'limit'> {
  const query: Omit<HistoryQuery, 'limit'> = {};
  if (filters.task) query.taskId = filters.task.id;
  if (filters.service) query.service = filters.service.id;
  if (filters.type !== null) query.type = filters.type;
  if (filters.outcome !== 'all') query.outcome = filters.outcome;
  if (filters.since !== 'any') query.since = now - SINCE_MS[filters.since];
  return query;
}

export function sameFilters(a: HistoryFilters, b: HistoryFilters): boolean {
  return (
    a.task?.id === b.task?.id &&
    a.service?.id === b.service?.id &&
    a.type === b.type &&
    a.outcome === b.outcome &&
    a.since === b.since
  );
}

export const hasFilters = (filters: HistoryFilters) => !sameFilters(filters, NO_FILTERS);

/** A short key of the filters, '' when there are none (the key line's "clear" is offered on it). */
export function filterKey(filters: HistoryFilters): string {
  if (!hasFilters(filters)) return '';
  return [filters.task?.id, filters.service?.id, filters.type, filters.outcome, filters.since].map((v) => v ?? '').join('\u0000');
}
