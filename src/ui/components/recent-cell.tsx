// The task list's strip of recent outcomes: one cell per finished run, newest on the right,
// each in its outcome's colour and with its own character (docs/instances-and-trends.md).
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import { recentRuns, type RecentRing } from '../../engine/recent-runs.js';
import { useUi } from '../ui-context.js';
import { stripSegments } from './recent-trend.js';

export const RecentCell = memo(function RecentCell({ ring, width }: { ring: RecentRing; width: number }) {
  const { theme } = useUi();
  const recent = useMemo(() => recentRuns(ring), [ring]);
  // A space before the strip and the column's gap after it.
  const cells = Math.max(0, width - 2);
  const segments = stripSegments(recent, theme.glyphs, cells);
  const used = segments.reduce((n, s) => n + [...s.text].length, 0);
  return (
    <Text>
      {' '.repeat(1 + cells - used)}
      {segments.map((s, i) => (
        <Text key={i} color={theme.fg(s.tone)}>
          {s.text}
        </Text>
      ))}{' '}
    </Text>
  );
});
