// Applying a fresh snapshot and progress events without replacing unchanged tasks, so
// memoised rows skip re-rendering and an unchanged snapshot changes nothing at all.
import type { TaskView } from '../../engine/types.js';

/**
 * Whether two tasks (plain data, as they crossed from the engine's thread) hold the same
 * values, without serialising either: a busy database sends a snapshot every half second,
 * and all but a few of its tasks are unchanged. Anything else than plain objects, arrays
 * and primitives is compared by its JSON. Keys in another order still compare equal.
 */
function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  const plain = Object.getPrototypeOf(a) === Object.prototype && Object.getPrototypeOf(b) === Object.prototype;
  if (!plain || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (!Object.hasOwn(y, key) || !samePlain(x[key], y[key])) return false;
  for (const key in y) if (!Object.hasOwn(x, key)) return false;
  return true;
}

const same = (a: TaskView, b: TaskView) => samePlain(a, b);

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
