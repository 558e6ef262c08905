// Grouping and filtering of the task list (pure; the dashboard and its tests share it).
import type { TaskView } from '../../engine/types.js';
import { oneLine } from '../../engine/text/sanitize.js';

export type Grouping = 'type' | 'service';
export type GroupHealth = 'ok' | 'some-failing' | 'all-failing' | 'probably-down';

export interface TaskGroup {
  key: string;
  label: string;
  tasks: TaskView[];
  failing: number;
  health: GroupHealth;
}

/** The built-in task types, in the order the reference page lists them. */
export const BUILT_IN_TYPES = ['calls', 'leads', 'schedule', 'messages'] as const;

/** Red: what the history's "errors" shows (an error or an interruption), or failures being counted. */
export const isFailing = (task: TaskView) => task.failing;

export function matchesFilter(task: TaskView, filter: string, typeLabel: (type: string) => string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return [task.name, task.id, task.serviceName, task.service, task.type, typeLabel(task.type)].some((field) =>
    field.toLowerCase().includes(needle),
  );
}

function health(tasks: TaskView[], failing: number, grouping: Grouping): GroupHealth {
  if (failing === 0) return 'ok';
  // One task failing alone says nothing about the rest of its group: "1 failing".
  if (failing < tasks.length || failing < 2) return 'some-failing';
  // A service whose every task fails (two at least) is most likely down as a whole (reference page).
  return grouping === 'service' ? 'probably-down' : 'all-failing';
}

function typeRank(type: string): number {
  const i = (BUILT_IN_TYPES as readonly string[]).indexOf(type);
  return i === -1 ? BUILT_IN_TYPES.length : i;
}

export function groupTasks(
  tasks: readonly TaskView[],
  grouping: Grouping,
  typeLabel: (type: string) => string,
): TaskGroup[] {
  const byKey = new Map<string, TaskView[]>();
  for (const task of tasks) {
    const key = grouping === 'type' ? task.type : task.service;
    const list = byKey.get(key);
    if (list) list.push(task);
    else byKey.set(key, [task]);
  }
  const groups = [...byKey].map(([key, members]): TaskGroup => {
    const failing = members.filter(isFailing).length;
    const first = members[0];
    const label = grouping === 'type' ? typeLabel(key) : oneLine(first?.serviceName || key);
    return { key, label, tasks: members, failing, health: health(members, failing, grouping) };
  });
  return groups.sort((a, b) => {
    if (grouping === 'type') {
      const rank = typeRank(a.key) - typeRank(b.key);
      if (rank !== 0) return rank;
    }
    return a.label.localeCompare(b.label) || a.key.localeCompare(b.key);
  });
}
