// The history filters as an engine query, and the few facts about them the screen needs.
import type { HistoryQuery } from '../../engine/types.js';
import { parseWhen } from '../../engine/when.js';
import { NO_FILTERS, type HistoryFilters, type SinceChoice, type TextField } from './history-state.js';

/** Matching runs are counted exactly up to this many; above it the screen says "10 000+". */
export const COUNT_BOUND = 10_000;
/** New runs above a deep window are counted up to this many ("100+ new runs"). */
export const NEW_RUNS_CAP = 100;

const HOUR = 3_600_000;
const SINCE_MS: Record<Extract<SinceChoice, '24h' | '7d' | '30d'>, number> = {
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
};

/** Local midnight of the day `now` falls on. */
export const startOfDay = (now: number) => new Date(now).setHours(0, 0, 0, 0);

/** The start and end of the filters' time window at `now` (presets move with the clock). */
export function timeWindow(filters: HistoryFilters, now: number): { since?: number; until?: number } {
  switch (filters.since) {
    case 'any':
      return {};
    case 'today':
      return { since: startOfDay(now) };
    case 'range': {
      const window: { since?: number; until?: number } = {};
      if (filters.from !== null) window.since = filters.from;
      if (filters.to !== null) window.until = filters.to;
      return window;
    }
    default:
      return { since: now - SINCE_MS[filters.since] };
  }
}

export function filterQuery(filters: HistoryFilters, now: number): Omit<HistoryQuery, 'limit'> {
  const query: Omit<HistoryQuery, 'limit'> = {};
  if (filters.task) query.taskId = filters.task.id;
  if (filters.service) query.service = filters.service.id;
  if (filters.type !== null) query.type = filters.type;
  if (filters.outcome !== 'all') query.outcome = filters.outcome;
  if (filters.by !== null) query.startedBy = filters.by;
  return { ...query, ...timeWindow(filters, now) };
}

export function sameFilters(a: HistoryFilters, b: HistoryFilters): boolean {
  return (
    a.task?.id === b.task?.id &&
    a.service?.id === b.service?.id &&
    a.type === b.type &&
    a.outcome === b.outcome &&
    a.by === b.by &&
    a.since === b.since &&
    a.from === b.from &&
    a.to === b.to
  );
}

export const hasFilters = (filters: HistoryFilters) => !sameFilters(filters, NO_FILTERS);

/** A short key of the filters, '' when there are none (the key line's "clear" is offered on it). */
export function filterKey(filters: HistoryFilters): string {
  if (!hasFilters(filters)) return '';
  return [
    filters.task?.id,
    filters.service?.id,
    filters.type,
    filters.outcome,
    filters.by,
    filters.since,
    filters.from,
    filters.to,
  ]
    .map((v) => v ?? '')
    .join('\u0000');
}

const two = (n: number) => String(n).padStart(2, '0');

/** A time as the panel shows it in a typed field, in a form parseWhen reads back: "2026-11-30 02:00". */
export function whenText(at: number | null): string {
  if (at === null) return '';
  const d = new Date(at);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The panel's typed fields of the applied filters. */
export function typedText(filters: HistoryFilters): Record<TextField, string> {
  return filters.since === 'range' ? { from: whenText(filters.from), to: whenText(filters.to) } : { from: '', to: '' };
}

export type ResolvedRange = { ok: true; from: number | null; to: number | null } | { ok: false; field: TextField };

/** The typed from/to as times: empty is an open end; a text that is not a WHEN, or a `to` not after `from`, is refused. */
export function resolveRange(text: Record<TextField, string>, now: number): ResolvedRange {
  const read = (value: string) => (value.trim() === '' ? null : parseWhen(value, now));
  const from = read(text.from);
  if (from === null && text.from.trim() !== '') return { ok: false, field: 'from' };
  const to = read(text.to);
  if (to === null && text.to.trim() !== '') return { ok: false, field: 'to' };
  if (from !== null && to !== null && to <= from) return { ok: false, field: 'to' };
  return { ok: true, from, to };
}
