// The time ranges and the person of the history benchmark's issue-17 cases, placed in the
// generated history (runs from 80 days before generation until it), and the run ids at
// which the "page down in the middle" cases start.

import type { HistoryQuery } from '../../src/engine/types.js';

const DAY = 86_400_000;

export interface HistoryTimes {
  /** 02:00–03:00 local time, 30 days before the dataset was generated. */
  night: { since: number; until: number };
  /** The last 7 days. */
  week: { since: number };
  /** 60 to 30 days before generation. */
  month: { since: number; until: number };
  /** The first run 45 days before generation: the middle of `month`. */
  monthMiddleId: number;
  /** The median id of the person's runs. */
  personMiddleId: number;
}

export interface HistoryLookups {
  /** The id of the first run (in start order) that started at or after `at`. */
  firstIdFrom(at: number): Promise<number>;
  /** The median id of the runs `person` started. */
  middleIdOf(person: string): Promise<number>;
}

export function ranges(generatedAt: number): Pick<HistoryTimes, 'night' | 'week' | 'month'> {
  const monthAgo = new Date(generatedAt - 30 * DAY);
  const night = new Date(monthAgo.getFullYear(), monthAgo.getMonth(), monthAgo.getDate(), 2, 0, 0).getTime();
  return {
    night: { since: night, until: night + 3_600_000 },
    week: { since: generatedAt - 7 * DAY },
    month: { since: generatedAt - 60 * DAY, until: generatedAt - 30 * DAY },
  };
}

export async function historyTimes(
  generatedAt: number,
  person: string,
  lookups: HistoryLookups,
): Promise<HistoryTimes> {
  const r = ranges(generatedAt);
  return {
    ...r,
    monthMiddleId: await lookups.firstIdFrom(generatedAt - 45 * DAY),
    personMiddleId: await lookups.middleIdOf(person),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const local = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** The ranges as local times, for the report. */
export function describeTimes(t: HistoryTimes): Record<string, string> {
  return {
    night: `${local(t.night.since)} – ${local(t.night.until)}`,
    week: `since ${local(t.week.since)}`,
    month: `${local(t.month.since)} – ${local(t.month.until)}`,
  };
}

/** A bounded count of the history benchmark, with the raw SQL condition it is compared with. */
export interface CountCase {
  name: string;
  label: string;
  query: Omit<HistoryQuery, 'limit'>;
  sql: string;
  params: unknown[];
}

/** The issue-17 counts; `param(n)` writes the n-th (1-based) placeholder of the dialect (`?`, `$1`). */
export function countCases(times: HistoryTimes, person: string, param: (n: number) => string): CountCase[] {
  return [
    {
      name: 'night',
      label: 'one night hour',
      query: { since: times.night.since, until: times.night.until },
      sql: `started_at >= ${param(1)} AND started_at < ${param(2)}`,
      params: [times.night.since, times.night.until],
    },
    {
      name: 'lastWeek',
      label: 'last 7 days',
      query: { since: times.week.since },
      sql: `started_at >= ${param(1)}`,
      params: [times.week.since],
    },
    {
      name: 'byUser',
      label: `started by ${person}`,
      query: { startedBy: person },
      sql: `started_by = ${param(1)}`,
      params: [person],
    },
  ];
}
