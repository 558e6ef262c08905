// The two lines above the history table: the title with the count of matching runs, and
// the active filters (always visible, so a filtered view is never mistaken for everything).
import { Text } from 'ink';
import { oneLine } from '../../engine/text/sanitize.js';
import { formatBoundedCount } from '../format.js';
import type { Catalogue } from '../i18n/index.js';
import { formatDayClock } from '../format.js';
import { useClock } from '../hooks/clock.js';
import { COUNT_BOUND, hasFilters } from '../state/history-query.js';
import type { HistoryFilters } from '../state/history-state.js';
import { truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { typeLabel } from './history-cells.js';
import { SCHEDULER } from '../../engine/types.js';

/** The time window in words: a preset, or the typed range's ends (the year shown when it is not this one). */
function describeTime(filters: HistoryFilters, t: Catalogue, now: number): string | null {
  if (filters.since === 'any') return null;
  if (filters.since !== 'range') return t.history.since[filters.since];
  const at = (ms: number) => formatDayClock(ms, t.time, now);
  if (filters.from !== null && filters.to !== null) return t.history.between(at(filters.from), at(filters.to));
  if (filters.from !== null) return t.history.from(at(filters.from));
  if (filters.to !== null) return t.history.until(at(filters.to));
  return null;
}

/** The active filters in words, in the panel's order; empty when there are none. */
export function describeFilters(filters: HistoryFilters, t: Catalogue, now: number): string[] {
  const parts: string[] = [];
  if (filters.task) parts.push(t.history.task(oneLine(filters.task.name)));
  if (filters.service) parts.push(t.history.service(oneLine(filters.service.name)));
  if (filters.type !== null) parts.push(t.history.type(typeLabel(filters.type, t)));
  if (filters.outcome !== 'all') parts.push(t.history.outcome[filters.outcome]);
  if (filters.by !== null)
    parts.push(filters.by === SCHEDULER ? t.history.byScheduler : t.history.by(oneLine(filters.by)));
  const time = describeTime(filters, t, now);
  if (time) parts.push(time);
  return parts;
}

export function HistoryHeading({
  filters,
  count,
  slow = false,
  width,
}: {
  filters: HistoryFilters;
  count: number | null;
  /** A page move waits for the engine (keys typed meanwhile wait for it; Esc leaves). */
  slow?: boolean;
  width: number;
}) {
  const { t, theme } = useUi();
  const clock = useClock();
  const dot = ` ${theme.glyphs.dot} `;
  const cut = (text: string) => truncate(text, width, theme.glyphs.ellipsis);
  // "10 000+" agrees in number with 10 000 ("10 000+ запусков").
  const counted =
    count === null
      ? t.history.counting
      : t.history.runs(formatBoundedCount(count, COUNT_BOUND), Math.min(count, COUNT_BOUND));
  const active = hasFilters(filters);
  return (
    <>
      <Text bold color={theme.fg('accent')}>
        {cut(`${theme.glyphs.focus} ${t.history.title}${dot}${counted}${slow ? dot + t.history.waitingForPage : ''}`)}
      </Text>
      <Text wrap="truncate">
        <Text bold={active}>{t.history.filterLabel} </Text>
        <Text color={theme.fg(active ? 'warning' : 'muted')}>
          {cut(active ? describeFilters(filters, t, clock.now()).join(dot) : t.history.noFilter)}
        </Text>
      </Text>
    </>
  );
}
