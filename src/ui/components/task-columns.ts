// Column widths of our own task table. We draw the table ourselves rather than with
// @alcalzone/ink-table, which cannot style a single row (red failing rows, the inverse
// cursor row) and draws a rule between every row.
import { RECENT_RUNS } from '../../engine/types.js';
import type { Catalogue } from '../i18n/index.js';
import { cellWidth } from '../text/cells.js';

export interface TaskColumns {
  marker: number;
  status: number;
  name: number;
  interval: number;
  next: number;
  last: number;
  /** The strip of recent outcomes (a space and one cell per run), 0 when hidden. */
  recent: number;
}

/** The strip of recent outcomes takes a column only where the task names keep this many cells. */
const NAME_BESIDE_RECENT = 20;
const RECENT_COLUMN = RECENT_RUNS + 1;

/** Cells of the progress bar inside the status column (the rest holds " 100%"). */
export const barCells = (columns: TaskColumns) => Math.max(3, columns.status - 6);

/**
 * `intervalText`: the widest interval cell the tasks need ("1m 4m", "~1 мин~ 4 мин").
 * `hasRecent`: some task has finished runs, so the strip of recent outcomes is worth a column where it fits.
 */
export function taskColumns(width: number, headers: Catalogue['columns'], intervalText = 0, hasRecent = false): TaskColumns {
  const marker = 2;
  const status = Math.max(12, cellWidth(headers.status) + 1);
  const interval = Math.min(18, Math.max(10, cellWidth(headers.interval) + 1, intervalText + 1));
  const next = Math.max(12, cellWidth(headers.next) + 1);
  const fixed = Math.max(0, width - marker - status - interval - next);
  // 19 cells hold a start time with the longest outcome word, "14:02 (Выполняется)".
  const recent = hasRecent && fixed - RECENT_COLUMN >= 19 + NAME_BESIDE_RECENT ? RECENT_COLUMN : 0;
  const rest = fixed - recent;
  const last = Math.max(19, Math.floor(rest * 0.45));
  const name = Math.max(8, rest - last);
  return { marker, status, name, interval, next, last, recent };
}
