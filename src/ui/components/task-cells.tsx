// The cells of one task row: status (or progress bar), interval, next run, last run.
import { Text } from 'ink';
import { memo } from 'react';
import { oneLine } from '../../engine/text/sanitize.js';
import type { Outcome, TaskView } from '../../engine/types.js';
import { formatClock, formatInterval, formatRelative } from '../format.js';
import { useClock, useClockText } from '../hooks/clock.js';
import { cellWidth, padCells, fitRight, truncate } from '../text/cells.js';
import type { Catalogue } from '../i18n/index.js';
import type { Glyphs, Tone } from '../theme.js';
import { useUi } from '../ui-context.js';
import { ClockText } from './clock-text.js';
import { filledCells, ProgressBar } from './progress-bar.js';

const STATUS_TONE: Record<TaskView['status'], Tone | null> = {
  waiting: null,
  unavailable: 'muted',
  running: 'running',
  paused: 'warning',
  disabled: 'muted',
};

/** A count in at most five cells: 34, 12345, 123k, 4M. */
export function compactCount(n: number): string {
  if (n < 100_000) return String(Math.max(0, Math.floor(n)));
  if (n < 100_000_000) return n < 10_000_000 ? `${Math.floor(n / 1000)}k` : `${Math.floor(n / 1_000_000)}M`;
  return `${Math.floor(n / 1_000_000_000)}G`;
}

/** How often the sweep of an unknown total moves: once a second keeps a running row to one small change a second. */
export const SWEEP_STEP_MS = 1000;

/** The sweep's cells at `now`: a block of two going back and forth ("░░██░░"), in plain glyphs. */
export function sweepText(now: number, cells: number, full: string, empty: string): string {
  const block = Math.min(2, cells);
  const span = cells - block;
  const step = Math.floor(now / SWEEP_STEP_MS) % Math.max(1, 2 * span);
  const at = step <= span ? step : 2 * span - step;
  return empty.repeat(at) + full.repeat(block) + empty.repeat(Math.max(0, span - at));
}

/** Running with no total known: movement, and the count so far where the percentage would be. */
const SweepCell = memo(function SweepCell({ done, width, bar }: { done: number | null; width: number; bar: number }) {
  const { theme } = useUi();
  const sweep = useClockText((now) => sweepText(now, bar, theme.glyphs.barFull, theme.glyphs.barEmpty));
  const count = fitRight(done === null ? '' : compactCount(done), width - bar - 1, '');
  return (
    <Text>
      <Text color={theme.fg('running')}>{sweep}</Text>
      {`${count} `}
    </Text>
  );
});

export function StatusCell({ task, width, bar }: { task: TaskView; width: number; bar: number }) {
  const { t, theme } = useUi();
  if (task.status === 'running' && task.progress === null) {
    const run = task.lastRun?.outcome === 'running' ? task.lastRun : null;
    return <SweepCell done={run?.progressDone ?? null} width={width} bar={bar} />;
  }
  if (task.status === 'running' && task.progress !== null) {
    const percent = fitRight(`${Math.floor(task.progress * 100)}%`, width - bar - 1, '');
    return (
      <Text>
        <ProgressBar
          filled={filledCells(task.progress, bar)}
          cells={bar}
          full={theme.glyphs.barFull}
          empty={theme.glyphs.barEmpty}
          color={theme.fg('running')}
        />
        {`${percent} `}
      </Text>
    );
  }
  return (
    <Text color={theme.fg(STATUS_TONE[task.status])}>
      {padCells(t.status[task.status], width, theme.glyphs.ellipsis)}
    </Text>
  );
}

/** True when the task backs off: its effective interval is not its normal one. */
export const isBackingOff = (task: TaskView) =>
  task.failures > 0 && task.effectiveIntervalMs !== null && task.effectiveIntervalMs !== task.intervalMs;

export function normalInterval(task: TaskView, t: Catalogue): string {
  if (task.intervalMs !== null) return formatInterval(task.intervalMs, t.time);
  return task.cron ? t.list.cron(oneLine(task.cron)) : t.list.noNextRun;
}

/** Cells the interval column needs to show this task's interval(s) whole. */
export function intervalCells(task: TaskView, t: Catalogue, glyphs: Glyphs): number {
  const normal = cellWidth(normalInterval(task, t));
  if (!isBackingOff(task) || task.effectiveIntervalMs === null) return normal;
  return (
    cellWidth(glyphs.strikeOpen + glyphs.strikeClose) +
    normal +
    1 +
    cellWidth(formatInterval(task.effectiveIntervalMs, t.time))
  );
}

export function IntervalCell({ task, width }: { task: TaskView; width: number }) {
  const { t, theme } = useUi();
  const { ellipsis, strikeOpen, strikeClose } = theme.glyphs;
  const normal = normalInterval(task, t);
  if (!isBackingOff(task) || task.effectiveIntervalMs === null) {
    return <Text>{padCells(normal, width, ellipsis)}</Text>;
  }
  const effective = formatInterval(task.effectiveIntervalMs, t.time);
  const room = width - 1 - cellWidth(effective) - 1 - cellWidth(strikeOpen + strikeClose);
  const struck = `${strikeOpen}${truncate(normal, Math.max(1, room), ellipsis)}${strikeClose}`;
  const used = cellWidth(struck) + 1 + cellWidth(effective);
  return (
    <Text>
      <Text strikethrough>{struck}</Text> <Text color={theme.fg('warning')}>{effective}</Text>
      {' '.repeat(Math.max(0, width - used))}
    </Text>
  );
}

export function NextRunCell({ task, width }: { task: TaskView; width: number }) {
  const { t, theme } = useUi();
  const at = task.nextRunAt;
  if (at === null || task.status === 'running') {
    return <Text color={theme.fg('muted')}>{padCells(t.list.noNextRun, width, theme.glyphs.ellipsis)}</Text>;
  }
  const compute = (now: number) => (at <= now ? t.list.due : formatRelative(at, now, t.time));
  // One cell kept free: the last run never touches it.
  return (
    <Text>
      <ClockText compute={compute} width={width - 1} ellipsis={theme.glyphs.ellipsis} />{' '}
    </Text>
  );
}

/** The last run's outcome and start: the run's summary, or what the task row kept after historyDays removed it. */
export function lastOf(task: TaskView): { outcome: Outcome; startedAt: number } | null {
  return task.lastRun ?? task.last;
}

export function lastRunTone(task: TaskView): Tone | null {
  const last = lastOf(task);
  if (!last) return 'muted';
  if (task.repeat || last.outcome === 'running') return 'running';
  if (last.outcome === 'error' || last.outcome === 'interrupted') return 'error';
  if (last.outcome === 'warning') return 'warning';
  if (last.outcome === 'cancelled') return 'muted';
  return null;
}

/** "Repeat olga@front-desk": running on another instance, which is named. */
export const repeatText = (task: TaskView, t: Catalogue) =>
  `${t.outcome.repeat} ${oneLine(task.runningOnLabel ?? task.runningOn ?? '')}`.trim();

/**
 * The last-run cell's text in `width` cells: "14:02 (Success)". A repeat keeps its word
 * whole and cuts the instance ("14:02 (Повтор olga@fr…)"). `interval`: the interval folded
 * in ("14:02 (Success) · 15s"), shown only when it fits.
 */
export function lastRunText(
  task: TaskView,
  now: number,
  t: Catalogue,
  glyphs: Glyphs,
  width: number,
  interval: string | null = null,
): string {
  const last = lastOf(task);
  const clock = last ? formatClock(last.startedAt, now, t.time) : '';
  let text = last ? `${clock} (${t.outcome[last.outcome]})` : t.list.never;
  if (last && task.repeat) {
    const head = `${clock} (${t.outcome.repeat}`;
    const label = oneLine(task.runningOnLabel ?? task.runningOn ?? '');
    const room = width - cellWidth(head) - 2;
    text = label && room >= 2 ? `${head} ${truncate(label, room, glyphs.ellipsis)})` : `${head})`;
  }
  const folded = interval ? `${text} ${glyphs.dot} ${interval}` : text;
  return cellWidth(folded) <= width ? folded : text;
}

export function LastRunCell({
  task,
  width,
  foldInterval = false,
}: {
  task: TaskView;
  width: number;
  foldInterval?: boolean;
}) {
  const { t, theme } = useUi();
  const clock = useClock();
  const text = lastRunText(
    task,
    clock.now(),
    t,
    theme.glyphs,
    width - 1,
    foldInterval ? normalInterval(task, t) : null,
  );
  return <Text color={theme.fg(lastRunTone(task))}>{padCells(text, width, theme.glyphs.ellipsis)}</Text>;
}
