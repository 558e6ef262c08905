// The left pane: title, column headings, and a window of group headers and task rows
// that follows the cursor.
import { Box, Text } from 'ink';
import { memo, useMemo, useRef } from 'react';
import { formatClock } from '../format.js';
import { useClock } from '../hooks/clock.js';
import type { Frame } from '../layout.js';
import { linesOfTask, type TaskListView } from '../state/list-lines.js';
import { keepInView } from '../state/scroll.js';
import type { Grouping } from '../state/task-groups.js';
import { padCells } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { GroupHeader } from './group-header.js';
import { PaneTitle } from './pane-title.js';
import { taskColumns, type TaskColumns } from './task-columns.js';
import { intervalCells } from './task-cells.js';
import { FailingLine, TaskRow } from './task-row.js';

export interface TaskListProps {
  view: TaskListView;
  frame: Frame;
  focused: boolean;
  grouping: Grouping;
  filter: string;
  filterEditing: boolean;
  loaded: boolean;
  emptyText: string;
}

/** Lines above the rows: the pane title and the column headings. */
export const TASK_LIST_CHROME = 2;

const ColumnHeadings = memo(function ColumnHeadings({ columns }: { columns: TaskColumns }) {
  const { t, theme } = useUi();
  const e = theme.glyphs.ellipsis;
  const c = t.columns;
  const text =
    ' '.repeat(columns.marker) +
    padCells(c.status, columns.status, e) +
    padCells(c.task, columns.name, e) +
    padCells(c.interval, columns.interval, e) +
    padCells(c.next, columns.next, e) +
    padCells(c.last, columns.last, e);
  return (
    <Text wrap="truncate" color={theme.fg('muted')} underline={!theme.color}>
      {text.trimEnd()}
    </Text>
  );
});

export function TaskList({ view, frame, focused, grouping, filter, filterEditing, loaded, emptyText }: TaskListProps) {
  const { t, theme } = useUi();
  const clock = useClock();
  // The interval column is as wide as the widest interval shown (up to 18; a long cron expression is cut).
  const intervalText = view.order.reduce((widest, task) => Math.max(widest, intervalCells(task, t, theme.glyphs)), 0);
  const columns = useMemo(() => taskColumns(frame.width, t.columns, intervalText), [frame.width, t, intervalText]);
  const rows = Math.max(1, frame.height - TASK_LIST_CHROME);
  // The window stays put until the cursor leaves it; only this view needs to remember where it was.
  const offsetRef = useRef(0);
  const selectedId = view.selected?.id ?? null;
  const range = selectedId ? linesOfTask(view.lines, selectedId) : null;
  const offset = range ? keepInView(offsetRef.current, range.first, range.last, rows, view.lines.length) : 0;
  offsetRef.current = offset;

  const dot = ` ${theme.glyphs.dot} `;
  const parts = [t.list.title, grouping === 'type' ? t.list.byType : t.list.byService];
  if (filter || filterEditing) parts.push(`${t.list.filter}: ${filter}${filterEditing ? (theme.ascii ? '_' : '▏') : ''}`);
  if (view.order.length > 0) parts.push(t.list.position(view.selectedIndex + 1, view.order.length));

  const visible = view.lines.slice(offset, offset + rows);
  return (
    <Box flexDirection="column" width={frame.width} height={frame.height} overflow="hidden">
      <PaneTitle text={parts.join(dot)} focused={focused} width={frame.width} />
      <ColumnHeadings columns={columns} />
      {!loaded && <Text color={theme.fg('muted')}>{t.list.loading}</Text>}
      {loaded && view.order.length === 0 && <Text>{emptyText}</Text>}
      {visible.map((line) => {
        switch (line.kind) {
          case 'group':
            return (
              <GroupHeader
                key={`g:${line.group.key}`}
                label={line.group.label}
                count={line.group.tasks.length}
                failing={line.group.failing}
                health={line.group.health}
              />
            );
          case 'task':
            return <TaskRow key={`t:${line.task.id}`} task={line.task} selected={line.task.id === selectedId} focused={focused} columns={columns} />;
          case 'failing':
            return (
              <FailingLine
                key={`f:${line.task.id}`}
                task={line.task}
                columns={columns}
                clockText={formatClock(line.task.failingSince ?? 0, clock.now(), t.time)}
              />
            );
        }
      })}
    </Box>
  );
}
