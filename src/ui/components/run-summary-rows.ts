// Which summary lines the details pane shows for a run (pure, so the pane and the
// scroll keys agree on how much room is left for the log), and the room they are given:
// the log starts on the same row whichever task is selected, so a cursor move sends only
// the cells that differ rather than the whole log moved by a line (docs/ARCHITECTURE.md,
// Terminal output over SSH).
import { hasRecentRuns } from '../../engine/recent-runs.js';
import type { RunSummary, TaskView } from '../../engine/types.js';
import { isFailing } from '../state/task-groups.js';

export type SummaryRow =
  | 'outcome'
  | 'started'
  | 'instance'
  | 'message'
  | 'recent'
  | 'failing'
  | 'interrupted'
  | 'idle'
  | 'diagnostics'
  | 'purged';

/** Rows that say something about the task rather than its run: shown even before it ever ran. */
export const TASK_ROWS: readonly SummaryRow[] = ['recent', 'idle', 'failing', 'interrupted'];

// The rows most tasks have come first, so that moving between a failing task and a
// healthy one changes the rows at the end, not every row after the first difference.
function taskRows(task: TaskView): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (hasRecentRuns(task.recentRing)) rows.push('recent');
  if (task.idle !== null && task.status !== 'running') rows.push('idle');
  if (isFailing(task) && task.failingSince !== null) rows.push('failing');
  if (task.interruptions >= 2 && task.lastRun?.outcome !== 'running') rows.push('interrupted');
  return rows;
}

export function summaryRows(task: TaskView, run: RunSummary | null): SummaryRow[] {
  if (!run) return taskRows(task);
  const rows: SummaryRow[] = ['outcome', 'started', 'instance'];
  if (run.message) rows.push('message');
  rows.push(...taskRows(task));
  if (run.detailsPurged) rows.push('purged');
  else if (run.hasDiagnostics && task.can.diagnostics) rows.push('diagnostics');
  return rows;
}

/** Log lines a pane keeps at least before it gives the summary room to spare (an 80×24 terminal keeps its log). */
const LOG_LINES_KEPT = 5;

/**
 * The summary lines the pane makes room for: as many as the longest summary of the tasks in
 * the list (so the log starts on the same row for each), unless that leaves the log fewer
 * than LOG_LINES_KEPT lines of a pane `height` tall.
 */
export function summaryRoom(tasks: readonly TaskView[], height: number): number {
  let room = 0;
  for (let i = 0; i < tasks.length; i++) room = Math.max(room, lastRunRows(tasks[i]!));
  return height - 2 - room >= LOG_LINES_KEPT ? room : 0;
}

/**
 * Summary lines of a task's last run, by task object: a snapshot keeps the objects of tasks
 * that did not change (state/task-snapshot.ts), so a busy list counts only the few that did.
 */
const lastRunRowsOf = new WeakMap<TaskView, number>();
function lastRunRows(task: TaskView): number {
  let rows = lastRunRowsOf.get(task);
  if (rows === undefined) {
    rows = task.lastRun ? summaryRows(task, task.lastRun).length : 0;
    lastRunRowsOf.set(task, rows);
  }
  return rows;
}

/** Lines of the pane above the log lines of a run: the title, the summary (in its room) and the log heading. */
export const detailsChromeLines = (task: TaskView, run: RunSummary, room = 0) =>
  2 + Math.max(room, summaryRows(task, run).length);
