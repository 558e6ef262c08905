// The details pane's line about a task's recent runs: the strip of outcomes, how many did
// their job, the median duration and a sparkline of the durations ("✓✓✗✓ · 3/4 ok ·
// median 1.2s · ▁▂▇▁"). What does not fit is left off from the end, never cut mid-strip.
import { Text } from 'ink';
import { useMemo } from 'react';
import { recentRuns, type RecentRing } from '../../engine/recent-runs.js';
import { formatDuration } from '../format.js';
import { cellWidth, truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { recentSummary, sparkline, stripSegments, stripText } from './recent-trend.js';

export function RecentLine({ ring, width }: { ring: RecentRing; width: number }) {
  const { t, theme } = useUi();
  const recent = useMemo(() => recentRuns(ring), [ring]);
  const dot = ` ${theme.glyphs.dot} `;
  const summary = recentSummary(recent);
  const facts = [t.details.recentOk(summary.ok, summary.total)];
  if (summary.medianMs !== null) facts.push(t.details.median(formatDuration(summary.medianMs, t.time)));
  const head = `${t.details.recent} `;
  const strip = stripText(recent, theme.glyphs);
  const spark = sparkline(recent, theme.glyphs.spark);
  // The longest tail that fits after the strip: every fact and the sparkline, the facts, the first fact.
  const tails = [[...facts, spark], facts, facts.slice(0, 1)].map((parts) => dot + parts.join(dot));
  const tail = tails.find((text) => cellWidth(head + strip + text) <= width);
  if (tail === undefined) {
    return <Text>{truncate(head + strip + (tails.at(-1) ?? ''), width, theme.glyphs.ellipsis)}</Text>;
  }
  return (
    <Text>
      {head}
      {stripSegments(recent, theme.glyphs).map((s, i) => (
        <Text key={i} color={theme.fg(s.tone)}>
          {s.text}
        </Text>
      ))}
      {tail}
    </Text>
  );
}
