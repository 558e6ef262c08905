// Column widths of our own task table. We draw the table ourselves rather than with
// @alcalzone/ink-table, which cannot style a single row (red failing rows, the inverse
// cursor row) and draws a rule between every row.
//
// Width goes by importance: the task name first, then the status (with its bar), the last
// run, the next run, and the interval; the next run is short ("через 59 мин") and
// unreadable cut, so it always gets its width. When the interval has no room left it is
// folded into the last-run cell ("14:02 (Success) · 15s"; a backed-off interval into the
// failing line under the task), so that 80 columns, or the list beside the details at
// 120, still show every task's name whole. The strip of recent outcomes comes last: only
// where everything else is whole and the names keep room beside it.
import { RECENT_RUNS } from '../../engine/types.js';
import type { Catalogue } from '../i18n/index.js';
import { cellWidth } from '../text/cells.js';

export interface TaskColumns {
  marker: number;
  status: number;
  name: number;
  /** 0 when the interval is folded into the last-run cell. */
  interval: number;
  next: number;
  last: number;
  /** The strip of recent outcomes (a space, one cell per run, a gap), 0 when hidden. */
  recent: number;
}

/** Cells the content of each column needs (the widest text, without the gap). */
export interface WantedCells {
  name: number;
  interval: number;
  next: number;
  last: number;
  /** Some task has finished runs, so the strip of recent outcomes is worth a column where it fits. */
  recent: boolean;
}

/** The strip of recent outcomes takes a column only where the task names are whole, or keep at least this many cells. */
const NAME_BESIDE_RECENT = 20;
/** A space, one cell per run, and the gap after it. */
const RECENT_COLUMN = RECENT_RUNS + 2;

/** Cells of the progress bar inside the status column (the rest holds " 100%"). */
export const barCells = (columns: TaskColumns) => Math.max(3, columns.status - 6);

export const isIntervalFolded = (columns: TaskColumns) => columns.interval === 0;

const MARKER = 2;
/** The least the name gets before any other column grows. */
const NAME_MIN = 12;
/** The least the last run gets: "14:02 (Success)", "14:02 (Ошибка)". */
const LAST_MIN = 16;

/** Cells a whole table needs to show everything unfolded, full headings too (the list pane's wish beside the details). */
export function taskTableWidth(headers: Catalogue['columns'], wanted: WantedCells): number {
  const next = Math.max(wanted.next, cellWidth(headers.next));
  const last = Math.max(wanted.last, cellWidth(headers.last));
  return (
    MARKER +
    statusCells(headers) +
    wanted.name +
    1 +
    wanted.interval +
    1 +
    next +
    1 +
    last +
    1 +
    (wanted.recent ? RECENT_COLUMN : 0)
  );
}

const statusCells = (headers: Catalogue['columns']) => Math.max(12, cellWidth(headers.status) + 1);

export function taskColumns(width: number, headers: Catalogue['columns'], wanted: WantedCells): TaskColumns {
  const status = statusCells(headers);
  const want = { name: wanted.name + 1, last: wanted.last + 1, next: wanted.next + 1, interval: wanted.interval + 1 };
  const columns = { name: Math.min(NAME_MIN, want.name), last: Math.min(LAST_MIN, want.last), next: want.next };
  let spare = Math.max(0, width - MARKER - status - columns.name - columns.last - columns.next);
  // By importance, each up to what it needs.
  for (const id of ['name', 'last'] as const) {
    const grow = Math.min(spare, want[id] - columns[id]);
    columns[id] += grow;
    spare -= grow;
  }
  const interval = spare >= want.interval ? want.interval : 0;
  spare -= interval;
  // Room to spare: the next run's and last run's full headings ("Следующий запуск") before a short one.
  for (const id of ['next', 'last'] as const) {
    const grow = Math.min(spare, Math.max(0, cellWidth(headers[id]) + 1 - columns[id]));
    columns[id] += grow;
    spare -= grow;
  }
  // The strip, where the names keep room beside it.
  const recent =
    wanted.recent && interval > 0 && spare >= RECENT_COLUMN && columns.name >= Math.min(want.name, NAME_BESIDE_RECENT)
      ? RECENT_COLUMN
      : 0;
  spare -= recent;
  // What is left: to the last run when it holds the interval, else to the name.
  if (interval === 0) columns.last += spare;
  else columns.name += spare;
  return { marker: MARKER, status, name: columns.name, interval, next: columns.next, last: columns.last, recent };
}
