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
import { cellWidth, padCells } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { GroupHeader } from './group-header.js';
import { PaneTitle } from './pane-title.js';
import { isIntervalFolded, taskColumns, type TaskColumns, type WantedCells } from './task-columns.js';
import { FailingLine, TaskRow } from './task-row.js';

export interface TaskListProps {
  view: TaskListView;
  /** What the columns need (task-widths.ts): the screen measures it to divide the width too. */
  wanted: WantedCells;
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

/** A heading in its column: whole when it fits, else the short one. */
const heading = (full: string, short: string, width: number) => (cellWidth(full) < width ? full : short);

const ColumnHeadings = memo(function ColumnHeadings({ columns }: { columns: TaskColumns }) {
  const { t, theme } = useUi();
  const e = theme.glyphs.ellipsis;
  const c = t.columns;
  const folded = isIntervalFolded(columns);
  const last = heading(
    folded ? `${c.last} ${theme.glyphs.dot} ${c.interval}` : c.last,
    heading(c.last, t.columnsShort.last, columns.last),
    columns.last,
  );
  const text =
    ' '.repeat(columns.marker) +
    padCells(c.status, columns.status, e) +
    padCells(c.task, columns.name, e) +
    (folded ? '' : padCells(c.interval, columns.interval, e)) +
    padCells(heading(c.next, t.columnsShort.next, columns.next), columns.next, e) +
    padCells(last, columns.last, e) +
    (columns.recent > 0 ? ` ${padCells(c.recent, columns.recent - 1, e)}` : '');
  return (
    <Text wrap="truncate" color={theme.fg('muted')} underline={!theme.color}>
      {text.trimEnd()}
    </Text>
  );
});

export function TaskList({
  view,
  wanted,
  frame,
  focused,
  grouping,
  filter,
  filterEditing,
  loaded,
  emptyText,
}: TaskListProps) {
  const { t, theme } = useUi();
  const clock = useClock();
  const { name, interval, next, last, recent } = wanted;
  const columns = useMemo(
    () => taskColumns(frame.width, t.columns, { name, interval, next, last, recent }),
    [frame.width, t, name, interval, next, last, recent],
  );
  const rows = Math.max(1, frame.height - TASK_LIST_CHROME);
  // The window stays put until the cursor leaves it; only this view needs to remember where it was.
  const offsetRef = useRef(0);
  const selectedId = view.selected?.id ?? null;
  const range = selectedId ? linesOfTask(view.lines, selectedId) : null;
  const offset = range ? keepInView(offsetRef.current, range.first, range.last, rows, view.lines.length) : 0;
  offsetRef.current = offset;

  const dot = ` ${theme.glyphs.dot} `;
  const parts = [t.list.title, grouping === 'type' ? t.list.byType : t.list.byService];
  if (filter || filterEditing)
    parts.push(`${t.list.filter}: ${filter}${filterEditing ? (theme.ascii ? '_' : '▏') : ''}`);
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
            return (
              <TaskRow
                key={`t:${line.task.id}`}
                task={line.task}
                selected={line.task.id === selectedId}
                focused={focused}
                columns={columns}
              />
            );
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
