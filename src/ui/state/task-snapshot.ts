// Applying a fresh snapshot and progress events without replacing unchanged tasks, so
// memoised rows skip re-rendering and an unchanged snapshot changes nothing at all.
import type { TaskView } from '../../engine/types.js';

const same = (a: TaskView, b: TaskView) => JSON.stringify(a) === JSON.stringify(b);

/** `next`, with every task that did not change replaced by its previous object; `prev` itself when nothing changed. */
export function reuseUnchanged(prev: readonly TaskView[], next: readonly TaskView[]): readonly TaskView[] {
  const byId = new Map(prev.map((t) => [t.id, t]));
  let changed = prev.length !== next.length;
  const merged = next.map((task, i) => {
    const old = byId.get(task.id);
    if (old && same(old, task)) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return task;
  });
  return changed ? merged : prev;
}

/** The tasks with one run's progress updated in place; `tasks` itself when nothing visible changed. */
export function applyProgress(
  tasks: readonly TaskView[],
  event: { taskId: string; runId: number; done: number; total: number | null },
): readonly TaskView[] {
  const progress = event.total ? Math.max(0, Math.min(1, event.done / event.total)) : null;
  let changed = false;
  const next = tasks.map((task) => {
    if (task.id !== event.taskId) return task;
    const run = task.lastRun;
    const runMatches = run?.id === event.runId;
    if (
      task.progress === progress &&
      (!runMatches || (run.progressDone === event.done && run.progressTotal === event.total))
    ) {
      return task;
    }
    changed = true;
    return {
      ...task,
      progress,
      lastRun: runMatches ? { ...run, progressDone: event.done, progressTotal: event.total } : run,
    };
  });
  return changed ? next : tasks;
}
