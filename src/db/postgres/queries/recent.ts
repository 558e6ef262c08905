// Appending a finished run to its task's ring of recent outcomes (src/db/recent.ts), as one
// SQL expression for the UPDATE that already writes the task row: no read, no extra round trip.
import { sql, type SQL } from 'drizzle-orm';
import { RECENT_MAX } from '../../recent.js';
import { tasks } from '../schema.js';

/**
 * The ring with the run appended (oldest dropped beyond RECENT_MAX); the ring as it is when
 * the run is already in it, so two paths closing one run record it once.
 * `durationMs`: a number, or an SQL expression (e.g. finished − the run's start).
 */
export function ringWith(runId: number, outcome: string, durationMs: number | SQL): SQL {
  const ring = sql`${tasks.recent}::jsonb`;
  const entry = sql`jsonb_build_array(${runId}::bigint, ${outcome}::text, (${durationMs})::bigint)`;
  return sql`CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(${ring}) AS seen(e) WHERE seen.e -> 0 = to_jsonb(${runId}::bigint)) THEN ${tasks.recent}
    ELSE (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb)::text
          FROM jsonb_array_elements(${ring} || jsonb_build_array(${entry})) WITH ORDINALITY AS ring(e, n)
          WHERE n > jsonb_array_length(${ring}) + 1 - ${RECENT_MAX}) END`;
}

/** finishedAt minus the run's start, read in the same statement. */
export function durationSince(runId: number, finishedAt: number): SQL {
  return sql`(${finishedAt}::bigint - (SELECT started_at FROM runs WHERE id = ${runId}::bigint))`;
}
