// Which summary lines the details pane shows for a run (pure, so the pane and the
// scroll keys agree on how much room is left for the log).
import type { RunSummary, TaskView } from '../../engine/types.js';
import { isFailing } from '../state/task-groups.js';

export type SummaryRow = 'outcome' | 'started' | 'instance' | 'message' | 'failing' | 'diagnostics' | 'purged';

export function summaryRows(task: TaskView, run: RunSummary | null): SummaryRow[] {
  if (!run) return isFailing(task) ? ['failing'] : [];
  const rows: SummaryRow[] = ['outcome', 'started', 'instance'];
  if (run.message) rows.push('message');
  if (isFailing(task) && task.failingSince !== null) rows.push('failing');
  if (run.detailsPurged) rows.push('purged');
  else if (run.hasDiagnostics && task.can.diagnostics) rows.push('diagnostics');
  return rows;
}

/** Lines of the pane above the log lines of a run: the title, the summary and the log heading. */
export const detailsChromeLines = (task: TaskView, run: RunSummary) => 2 + summaryRows(task, run).length;
