// The text and tone of each cell of a history row (pure). Untrusted names go through oneLine.
import { oneLine } from '../../engine/text/sanitize.js';
import { ERROR_CLASSES, OUTCOMES, type RunSummary } from '../../engine/types.js';
import { formatClock, formatDuration } from '../format.js';
import type { Catalogue } from '../i18n/index.js';
import { cellWidth } from '../text/cells.js';
import type { Tone } from '../theme.js';
import { startedByCell } from './started-by.js';

export type HistoryColumnId =
  'started' | 'task' | 'service' | 'type' | 'outcome' | 'duration' | 'by' | 'instance' | 'info';

export const typeLabel = (type: string, t: Catalogue) => t.taskType[type] ?? oneLine(type);

/** "Error (network)", "Success". */
export function outcomeText(run: Pick<RunSummary, 'outcome' | 'errorClass'>, t: Catalogue): string {
  return run.errorClass ? `${t.outcome[run.outcome]} (${t.errorClass[run.errorClass]})` : t.outcome[run.outcome];
}

/** Cells the widest outcome text of this language needs (only errors carry a class). */
export function outcomeCells(t: Catalogue): number {
  const plain = OUTCOMES.map((outcome) => outcomeText({ outcome, errorClass: null }, t));
  const errors = ERROR_CLASSES.map((errorClass) => outcomeText({ outcome: 'error', errorClass }, t));
  return Math.max(...[...plain, ...errors].map(cellWidth));
}

/** Error and interrupted rows are red as a whole (the reference page: "errors are highlighted in red"). */
export const isErrorRow = (run: RunSummary) => run.outcome === 'error' || run.outcome === 'interrupted';

/** The outcome cell's own tone on rows that are not red; success stays plain. */
export function outcomeTone(run: RunSummary): Tone | null {
  switch (run.outcome) {
    case 'error':
    case 'interrupted':
      return 'error';
    case 'warning':
      return 'warning';
    case 'running':
      return 'running';
    case 'cancelled':
      return 'muted';
    case 'success':
      return null;
  }
}

export function historyCell(run: RunSummary, column: HistoryColumnId, t: Catalogue, now: number): string {
  switch (column) {
    case 'started':
      return formatClock(run.startedAt, now, t.time, true);
    case 'task':
      return oneLine(run.taskName || run.taskId);
    case 'service':
      return oneLine(run.serviceName || run.service);
    case 'type':
      return typeLabel(run.type, t);
    case 'outcome':
      return outcomeText(run, t);
    case 'duration':
      return run.durationMs === null ? t.list.noNextRun : formatDuration(run.durationMs, t.time);
    case 'by':
      return startedByCell(run, t);
    case 'instance':
      return oneLine(run.instanceLabel || run.instance);
    case 'info':
      // The reference page's "i" in the last column: there while the details are kept.
      return run.detailsPurged ? ' ' : 'i';
  }
}
