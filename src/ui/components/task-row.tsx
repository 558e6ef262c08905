// One row of the task table. Memoised: a progress event re-renders only its own row.
import { Text } from 'ink';
import { memo } from 'react';
import { oneLine } from '../../engine/text/sanitize.js';
import type { TaskView } from '../../engine/types.js';
import { isFailing } from '../state/task-groups.js';
import { padCells } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { formatInterval } from '../format.js';
import { RecentCell } from './recent-cell.js';
import { IntervalCell, isBackingOff, LastRunCell, NextRunCell, StatusCell } from './task-cells.js';
import { barCells, isIntervalFolded, type TaskColumns } from './task-columns.js';

export interface TaskRowProps {
  task: TaskView;
  selected: boolean;
  /** The list pane has the focus: the cursor row is drawn in inverse video. */
  focused: boolean;
  columns: TaskColumns;
}

export const TaskRow = memo(function TaskRow({ task, selected, focused, columns }: TaskRowProps) {
  const { theme } = useUi();
  const failing = isFailing(task);
  const marker = `${selected ? theme.glyphs.cursor : ' '}${failing ? theme.glyphs.failing : ' '}`;
  // The cursor is the marker, the status and the name in inverse video (bold while the details
  // have the focus): the cells that say which task it is. The rest of the row keeps its
  // look, so a move rewrites two names rather than two whole rows (docs/ARCHITECTURE.md,
  // Terminal output over SSH).
  return (
    <Text wrap="truncate">
      <Text inverse={selected && focused} bold={selected && !focused}>
        <Text color={theme.fg(failing ? 'error' : null)}>{padCells(marker, columns.marker, '')}</Text>
        <StatusCell task={task} width={columns.status} bar={barCells(columns)} />
        <Text color={theme.fg(failing ? 'error' : null)}>
          {padCells(oneLine(task.name), columns.name - 1, theme.glyphs.ellipsis)}
        </Text>
      </Text>{' '}
      {!isIntervalFolded(columns) && <IntervalCell task={task} width={columns.interval} />}
      <NextRunCell task={task} width={columns.next} />
      <LastRunCell task={task} width={columns.last} foldInterval={isIntervalFolded(columns)} />
      {columns.recent > 0 && <RecentCell ring={task.recentRing} width={columns.recent} />}
    </Text>
  );
});

/**
 * The line under a failing task: "failing since 14:02, 5 runs"; with the interval folded
 * out of the table, the backed-off interval too ("· interval 1m → 4m").
 */
export const FailingLine = memo(function FailingLine({
  task,
  columns,
  clockText,
}: {
  task: TaskView;
  columns: TaskColumns;
  clockText: string;
}) {
  const { t, theme } = useUi();
  const indent = ' '.repeat(columns.marker + columns.status);
  const backoff =
    isIntervalFolded(columns) && isBackingOff(task) && task.intervalMs !== null && task.effectiveIntervalMs !== null
      ? ` ${theme.glyphs.dot} ${t.details.interval(formatInterval(task.intervalMs, t.time), formatInterval(task.effectiveIntervalMs, t.time))}`
      : '';
  return (
    <Text wrap="truncate" color={theme.fg('error')}>
      {indent}
      {theme.glyphs.branch} {t.list.failingSince(clockText, task.failures)}
      {backoff}
    </Text>
  );
});
