// Which summary lines the details pane shows for a run (pure, so the pane and the
// scroll keys agree on how much room is left for the log).
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
export const TASK_ROWS: readonly SummaryRow[] = ['recent', 'failing', 'interrupted', 'idle'];

function taskRows(task: TaskView): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (hasRecentRuns(task.recentRing)) rows.push('recent');
  if (isFailing(task) && task.failingSince !== null) rows.push('failing');
  if (task.interruptions >= 2 && task.lastRun?.outcome !== 'running') rows.push('interrupted');
  if (task.idle !== null && task.status !== 'running') rows.push('idle');
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

/** Lines of the pane above the log lines of a run: the title, the summary and the log heading. */
export const detailsChromeLines = (task: TaskView, run: RunSummary) => 2 + summaryRows(task, run).length;
