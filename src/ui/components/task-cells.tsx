// The cells of one task row: status (or progress bar), interval, next run, last run.
import { Text } from 'ink';
import { oneLine } from '../../engine/text/sanitize.js';
import type { Outcome, TaskView } from '../../engine/types.js';
import { formatClock, formatInterval, formatRelative } from '../format.js';
import { useClock } from '../hooks/clock.js';
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

export function StatusCell({ task, width, bar }: { task: TaskView; width: number; bar: number }) {
  const { t, theme } = useUi();
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
  return <Text color={theme.fg(STATUS_TONE[task.status])}>{padCells(t.status[task.status], width, theme.glyphs.ellipsis)}</Text>;
}

/** True when the task backs off: its effective interval is not its normal one. */
export const isBackingOff = (task: TaskView) =>
  task.failures > 0 && task.effectiveIntervalMs !== null && task.effectiveIntervalMs !== task.intervalMs;

function normalInterval(task: TaskView, t: Catalogue): string {
  if (task.intervalMs !== null) return formatInterval(task.intervalMs, t.time);
  return task.cron ? t.list.cron(oneLine(task.cron)) : t.list.noNextRun;
}

/** Cells the interval column needs to show this task's interval(s) whole. */
export function intervalCells(task: TaskView, t: Catalogue, glyphs: Glyphs): number {
  const normal = cellWidth(normalInterval(task, t));
  if (!isBackingOff(task) || task.effectiveIntervalMs === null) return normal;
  return cellWidth(glyphs.strikeOpen + glyphs.strikeClose) + normal + 1 + cellWidth(formatInterval(task.effectiveIntervalMs, t.time));
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
  return <ClockText compute={compute} width={width} ellipsis={theme.glyphs.ellipsis} />;
}

/** The last run's outcome and start: the run's summary, or what the task row kept after historyDays removed it. */
function lastOf(task: TaskView): { outcome: Outcome; startedAt: number } | null {
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

export function LastRunCell({ task, width }: { task: TaskView; width: number }) {
  const { t, theme } = useUi();
  const clock = useClock();
  const last = lastOf(task);
  let text: string = t.list.never;
  if (last) {
    const outcome = task.repeat ? `${t.outcome.repeat} ${oneLine(task.runningOnLabel ?? task.runningOn ?? '')}`.trim() : t.outcome[last.outcome];
    text = `${formatClock(last.startedAt, clock.now(), t.time)} (${outcome})`;
  }
  return <Text color={theme.fg(lastRunTone(task))}>{padCells(text, width, theme.glyphs.ellipsis)}</Text>;
}
