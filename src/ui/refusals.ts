// Why an action is not offered right now. The keymap's predicates return these; the status
// line turns them into words when the key is pressed anyway.
import type { RunSummary, TaskView } from '../engine/types.js';

export type Refusal =
  | { code: 'no-task' }
  | { code: 'running-elsewhere'; instance: string }
  | { code: 'running-here' }
  | { code: 'not-running' }
  | { code: 'disabled' }
  | { code: 'forbidden' }
  | { code: 'no-run' }
  | { code: 'no-diagnostics' }
  | { code: 'details-removed' }
  | { code: 'no-run-selected' }
  /** A command task's runs record their progress log, never exchanges: `d` has nothing to show. */
  | { code: 'log-only' }
  /** Nothing to do, and nothing worth saying (Esc with nothing to close). */
  | { code: 'nothing' };

export interface OfferContext {
  task: TaskView | null;
  /** The run the details pane shows (the task's current or last run), or the history's selected run. */
  run: RunSummary | null;
  /** The active filter ('' = none): the task list's filter text, or the history's filters as a key. */
  filter: string;
}

/** For screens and layers whose keys depend on no task. */
export const NO_OFFER: OfferContext = { task: null, run: null, filter: '' };

export function runRefusal({ task }: OfferContext): Refusal | null {
  if (!task) return { code: 'no-task' };
  if (task.can.run) return null;
  if (task.status === 'running' || task.runningOn) {
    return task.repeat
      ? { code: 'running-elsewhere', instance: task.runningOnLabel ?? task.runningOn ?? '' }
      : { code: 'running-here' };
  }
  if (!task.enabled) return { code: 'disabled' };
  return { code: 'forbidden' };
}

export function stopRefusal({ task }: OfferContext): Refusal | null {
  if (!task) return { code: 'no-task' };
  if (task.can.stop) return null;
  if (task.status !== 'running' && !task.runningOn) return { code: 'not-running' };
  return { code: 'forbidden' };
}

export function pauseRefusal({ task }: OfferContext): Refusal | null {
  if (!task) return { code: 'no-task' };
  if (task.can.pause) return null;
  if (!task.enabled) return { code: 'disabled' };
  return { code: 'forbidden' };
}

/** `w`: the instance running the task, which needs a task that runs now. */
export function runningInstanceRefusal({ task }: OfferContext): Refusal | null {
  if (!task) return { code: 'no-task' };
  return task.runningOn ? null : { code: 'not-running' };
}

export function taskRefusal({ task }: OfferContext): Refusal | null {
  return task ? null : { code: 'no-task' };
}

export function diagnosticsRefusal({ task, run }: OfferContext): Refusal | null {
  if (!task) return { code: 'no-task' };
  if (!task.can.diagnostics) return { code: 'forbidden' };
  if (!run) return { code: 'no-run' };
  if (!run.recordsExchanges) return { code: 'log-only' };
  if (run.detailsPurged) return { code: 'details-removed' };
  if (!run.hasDiagnostics) return { code: 'no-diagnostics' };
  return null;
}

export function clearFilterRefusal({ filter }: OfferContext): Refusal | null {
  return filter ? null : { code: 'nothing' };
}

/** A history row's information popup needs a row. */
export function runSelectedRefusal({ run }: OfferContext): Refusal | null {
  return run ? null : { code: 'no-run-selected' };
}

/** Diagnostics of a history row (the engine still checks the user may read them). */
export function runDiagnosticsRefusal({ run }: OfferContext): Refusal | null {
  if (!run) return { code: 'no-run-selected' };
  if (!run.recordsExchanges) return { code: 'log-only' };
  if (run.detailsPurged) return { code: 'details-removed' };
  if (!run.hasDiagnostics) return { code: 'no-diagnostics' };
  return null;
}
