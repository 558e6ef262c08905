// One row of the task table. Memoised: a progress event re-renders only its own row.
import { Text } from 'ink';
import { memo } from 'react';
import { oneLine } from '../../engine/text/sanitize.js';
import type { TaskView } from '../../engine/types.js';
import { isFailing } from '../state/task-groups.js';
import { padCells } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { RecentCell } from './recent-cell.js';
import { IntervalCell, LastRunCell, NextRunCell, StatusCell } from './task-cells.js';
import { barCells, type TaskColumns } from './task-columns.js';

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
  return (
    <Text wrap="truncate" inverse={selected && focused} bold={selected && !focused}>
      <Text color={theme.fg(failing ? 'error' : null)}>{padCells(marker, columns.marker, '')}</Text>
      <StatusCell task={task} width={columns.status} bar={barCells(columns)} />
      <Text color={theme.fg(failing ? 'error' : null)}>{padCells(oneLine(task.name), columns.name - 1, theme.glyphs.ellipsis)} </Text>
      <IntervalCell task={task} width={columns.interval} />
      <NextRunCell task={task} width={columns.next} />
      <LastRunCell task={task} width={columns.last} />
      {columns.recent > 0 && <RecentCell recent={task.recent} width={columns.recent} />}
    </Text>
  );
});

/** The line under a failing task: "failing since 14:02, 5 runs". */
export const FailingLine = memo(function FailingLine({ task, columns, clockText }: { task: TaskView; columns: TaskColumns; clockText: string }) {
  const { t, theme } = useUi();
  const indent = ' '.repeat(columns.marker + columns.status);
  return (
    <Text wrap="truncate" color={theme.fg('error')}>
      {indent}
      {theme.glyphs.branch} {t.list.failingSince(clockText, task.failures)}
    </Text>
  );
});
