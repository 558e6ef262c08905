// The task list as screen lines: group headers, task rows, and a "failing since" line under
// a failing task. The cursor moves over tasks only.
import type { TaskView } from '../../engine/types.js';
import { groupTasks, isFailing, matchesFilter, type Grouping, type TaskGroup } from './task-groups.js';

export type ListLine =
  | { kind: 'group'; group: TaskGroup }
  | { kind: 'task'; task: TaskView; index: number }
  | { kind: 'failing'; task: TaskView };

export interface TaskListView {
  groups: TaskGroup[];
  lines: ListLine[];
  /** Visible tasks in display order. */
  order: TaskView[];
  selected: TaskView | null;
  selectedIndex: number;
}

export function buildTaskList(
  tasks: readonly TaskView[],
  options: { grouping: Grouping; filter: string; selectedId: string | null; typeLabel: (type: string) => string },
): TaskListView {
  const visible = tasks.filter((t) => matchesFilter(t, options.filter, options.typeLabel));
  const groups = groupTasks(visible, options.grouping, options.typeLabel);
  const lines: ListLine[] = [];
  const order: TaskView[] = [];
  for (const group of groups) {
    lines.push({ kind: 'group', group });
    for (const task of group.tasks) {
      lines.push({ kind: 'task', task, index: order.length });
      if (isFailing(task) && task.failingSince !== null) lines.push({ kind: 'failing', task });
      order.push(task);
    }
  }
  const found = order.findIndex((t) => t.id === options.selectedId);
  const selectedIndex = found === -1 ? 0 : found;
  return { groups, lines, order, selected: order[selectedIndex] ?? null, selectedIndex };
}

/** The range of lines [first, last] that belongs to the task at `index`, its group header included when it is first. */
export function linesOfTask(lines: readonly ListLine[], taskId: string): { first: number; last: number } | null {
  const at = lines.findIndex((l) => l.kind === 'task' && l.task.id === taskId);
  if (at === -1) return null;
  const first = at > 0 && lines[at - 1]?.kind === 'group' ? at - 1 : at;
  const next = lines[at + 1];
  const last = next?.kind === 'failing' ? at + 1 : at;
  return { first, last };
}
