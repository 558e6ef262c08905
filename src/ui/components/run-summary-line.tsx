// One line of the run summary in the details pane.
import { Text } from 'ink';
import { oneLine } from '../../engine/text/sanitize.js';
import { INTERRUPTIONS_AS_FAILURE, type RunSummary, type TaskView } from '../../engine/types.js';
import { formatAgo, formatClock, formatDuration, formatInterval } from '../format.js';
import { useClock } from '../hooks/clock.js';
import { cellWidth, truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { ClockText } from './clock-text.js';
import { RecentLine } from './recent-line.js';
import type { SummaryRow } from './run-summary-rows.js';
import { startedByPhrase } from './started-by.js';
import { isBackingOff, lastRunTone } from './task-cells.js';

export interface SummaryLineProps {
  row: SummaryRow;
  task: TaskView;
  /** null for the rows about the task alone (TASK_ROWS), before it ever ran. */
  run: RunSummary | null;
  width: number;
}

export function SummaryLine(props: SummaryLineProps) {
  const { row, task, run, width } = props;
  const { t, theme } = useUi();
  const cut = (text: string) => truncate(text, width, theme.glyphs.ellipsis);
  if (row === 'interrupted')
    return (
      <Text color={theme.fg('error')}>
        {cut(t.details.interruptedInARow(task.interruptions, task.interruptions >= INTERRUPTIONS_AS_FAILURE))}
      </Text>
    );
  if (row === 'recent') return <RecentLine ring={task.recentRing} width={width} />;
  if (row === 'idle')
    return <Text color={theme.fg('muted')}>{cut(t.details.idle(task.idle ?? 'no-instance', oneLine(task.role)))}</Text>;
  if (row === 'failing' || !run) return <FailingLine task={task} width={width} />;
  return <RunLine {...props} run={run} />;
}

function FailingLine({ task, width }: { task: TaskView; width: number }) {
  const { t, theme } = useUi();
  const clock = useClock();
  const dot = ` ${theme.glyphs.dot} `;
  let text = t.details.failing(formatClock(task.failingSince ?? 0, clock.now(), t.time), task.failures);
  if (isBackingOff(task) && task.intervalMs !== null && task.effectiveIntervalMs !== null) {
    text +=
      dot +
      t.details.interval(formatInterval(task.intervalMs, t.time), formatInterval(task.effectiveIntervalMs, t.time));
  }
  return <Text color={theme.fg('error')}>{truncate(text, width, theme.glyphs.ellipsis)}</Text>;
}

function RunLine({ row, task, run, width }: SummaryLineProps & { run: RunSummary }) {
  const { t, theme } = useUi();
  const dot = ` ${theme.glyphs.dot} `;
  const cut = (text: string) => truncate(text, width, theme.glyphs.ellipsis);
  const tone = theme.fg(lastRunTone(task));
  switch (row) {
    case 'outcome': {
      if (run.outcome === 'running') {
        const head = [task.repeat ? `${t.outcome.running} (${t.outcome.repeat})` : t.outcome.running];
        if (run.progressDone !== null)
          head.push(
            run.progressTotal === null
              ? t.details.items(run.progressDone)
              : t.details.progress(run.progressDone, run.progressTotal),
          );
        const compute = (now: number) =>
          cut([...head, t.details.runningFor(formatDuration(now - run.startedAt, t.time))].join(dot));
        return <ClockText compute={compute} color={tone} />;
      }
      const parts = [
        run.errorClass ? `${t.outcome[run.outcome]} (${t.errorClass[run.errorClass]})` : t.outcome[run.outcome],
      ];
      if (run.durationMs !== null) parts.push(t.details.took(formatDuration(run.durationMs, t.time)));
      if (run.stoppedBy) parts.push(t.details.stoppedBy(oneLine(run.stoppedBy)));
      return (
        <Text bold color={tone}>
          {cut(parts.join(dot))}
        </Text>
      );
    }
    case 'started': {
      const by = startedByPhrase(run, t);
      // A narrow pane (beside the list at 120 columns) drops "(2m ago)" before it cuts who started it.
      // Minutes only: the clock time beside it has the seconds (format.ts, formatAgo).
      const compute = (now: number) => {
        const at = `${t.details.started} ${formatClock(run.startedAt, now, t.time, true)}`;
        const full = `${at} (${formatAgo(run.startedAt, now, t.time)})${dot}${by}`;
        return cut(cellWidth(full) <= width ? full : `${at}${dot}${by}`);
      };
      return <ClockText compute={compute} />;
    }
    case 'instance':
      return (
        <Text>
          {cut(
            `${t.details.instance} ${t.details.instanceOf(oneLine(run.instanceLabel || run.instance), run.instanceKind, run.instancePid)}`,
          )}
        </Text>
      );
    case 'message':
      return <Text color={tone}>{cut(`${t.details.message}: ${oneLine(run.message ?? '')}`)}</Text>;
    case 'diagnostics':
      return <Text color={theme.fg('accent')}>{cut(t.details.diagnosticsHint)}</Text>;
    case 'purged':
      return <Text color={theme.fg('muted')}>{cut(t.details.detailsRemoved)}</Text>;
    default:
      return null;
  }
}
