// A task's recent runs as the strip of outcomes and the duration sparkline (pure): one cell
// per run, oldest on the left, in the task list and the details pane.
import type { FinishedOutcome, RecentRun } from '../../engine/types.js';
import type { Glyphs, Tone } from '../theme.js';

export const OUTCOME_TONE: Readonly<Record<FinishedOutcome, Tone | null>> = {
  success: 'success',
  warning: 'warning',
  error: 'error',
  cancelled: 'muted',
  interrupted: 'error',
};

/** A run of cells of one outcome: drawn as one piece of text in one colour. */
export interface StripSegment {
  text: string;
  tone: Tone | null;
}

/** The last `cells` runs as segments of equal outcome (the fewest Ink nodes a row can have). */
export function stripSegments(recent: readonly RecentRun[], glyphs: Glyphs, cells = recent.length): StripSegment[] {
  const segments: StripSegment[] = [];
  let last: FinishedOutcome | null = null;
  for (const run of recent.slice(Math.max(0, recent.length - cells))) {
    const mark = glyphs.outcomes[run.outcome];
    const tail = segments[segments.length - 1];
    if (tail && last === run.outcome) tail.text += mark;
    else segments.push({ text: mark, tone: OUTCOME_TONE[run.outcome] });
    last = run.outcome;
  }
  return segments;
}

export const stripText = (recent: readonly RecentRun[], glyphs: Glyphs) =>
  recent.map((r) => glyphs.outcomes[r.outcome]).join('');

/** One level per run, from 0 up to the longest run (a run without a known duration: a space). */
export function sparkline(recent: readonly RecentRun[], levels: readonly string[]): string {
  const longest = Math.max(0, ...recent.map((r) => r.durationMs ?? 0));
  return recent
    .map((r) => {
      if (r.durationMs === null) return ' ';
      const level = longest === 0 ? 0 : Math.ceil((r.durationMs / longest) * levels.length) - 1;
      return levels[Math.max(0, Math.min(levels.length - 1, level))];
    })
    .join('');
}

export interface RecentSummary {
  /** Runs that did their job (success or warning). */
  ok: number;
  total: number;
  /** The median duration of the runs with one, or null. */
  medianMs: number | null;
}

export function recentSummary(recent: readonly RecentRun[]): RecentSummary {
  const durations = recent.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs])).sort((a, b) => a - b);
  const mid = durations.length >> 1;
  const medianMs =
    durations.length === 0
      ? null
      : durations.length % 2
        ? durations[mid]!
        : (durations[mid - 1]! + durations[mid]!) / 2;
  return {
    ok: recent.filter((r) => r.outcome === 'success' || r.outcome === 'warning').length,
    total: recent.length,
    medianMs,
  };
}
