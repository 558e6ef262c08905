// Appending a finished run to its task's ring of recent outcomes (src/db/recent.ts), as one
// SQL expression for the UPDATE that already writes the task row: no read, no extra statement.
// For the rare paths (a takeover, recovery); a run's own end computes the ring in JS from the
// row it reads anyway (withRecent, src/db/recent.ts).
import { sql, type SQL } from 'drizzle-orm';
import { RECENT_MAX } from '../../recent.js';
import { tasks } from '../schema.js';

/**
 * The ring with the run appended (oldest dropped beyond RECENT_MAX); the ring as it is when
 * the run is already in it, so two paths closing one run record it once.
 * `durationMs`: a number, or an SQL expression.
 */
export function ringWith(runId: number | SQL, outcome: string | SQL, durationMs: number | SQL): SQL {
  const ring = tasks.recent;
  const appended = sql`json_insert(${ring}, '$[#]', json_array(${runId}, ${outcome}, ${durationMs}))`;
  return sql`CASE WHEN EXISTS (SELECT 1 FROM json_each(${ring}) WHERE json_extract(value, '$[0]') = ${runId}) THEN ${ring}
    ELSE (SELECT json_group_array(json(value) ORDER BY key) FROM json_each(${appended}) WHERE key > json_array_length(${ring}) - ${RECENT_MAX}) END`;
}
