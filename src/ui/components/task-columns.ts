// Column widths of our own task table. We draw the table ourselves rather than with
// @alcalzone/ink-table, which cannot style a single row (red failing rows, the inverse
// cursor row) and draws a rule between every row.
import type { Catalogue } from '../i18n/index.js';
import { cellWidth } from '../text/cells.js';

export interface TaskColumns {
  marker: number;
  status: number;
  name: number;
  interval: number;
  next: number;
  last: number;
}

/** Cells of the progress bar inside the status column (the rest holds " 100%"). */
export const barCells = (columns: TaskColumns) => Math.max(3, columns.status - 6);

/** `intervalText`: the widest interval cell the tasks need ("1m 4m", "~1 мин~ 4 мин"). */
export function taskColumns(width: number, headers: Catalogue['columns'], intervalText = 0): TaskColumns {
  const marker = 2;
  const status = Math.max(12, cellWidth(headers.status) + 1);
  const interval = Math.min(18, Math.max(10, cellWidth(headers.interval) + 1, intervalText + 1));
  const next = Math.max(12, cellWidth(headers.next) + 1);
  const rest = Math.max(0, width - marker - status - interval - next);
  // 19 cells hold a start time with the longest outcome word, "14:02 (Выполняется)".
  const last = Math.max(19, Math.floor(rest * 0.45));
  const name = Math.max(8, rest - last);
  return { marker, status, name, interval, next, last };
}
