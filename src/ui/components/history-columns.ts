// Column widths of the history table (pure). We draw this table ourselves rather than with
// @alcalzone/ink-table (ink-table 3 itself cannot load beside ink ≥ 4): it cannot style a
// single row — no red error rows, no inverse cursor row — and draws a rule between rows.
// When the terminal is narrow, the least needed columns are left out, never cut to nothing.
import type { Catalogue } from '../i18n/index.js';
import { cellWidth } from '../text/cells.js';
import { outcomeCells, type HistoryColumnId } from './history-cells.js';

export interface HistoryColumn {
  id: HistoryColumnId;
  /** Cells, the gap to the next column included. */
  width: number;
}

/** The cursor marker and the error marker in front of every row. */
export const ROW_MARKER_CELLS = 2;

interface Spec {
  id: HistoryColumnId;
  /** Fixed width (content and gap), or the least a flexible column gets. */
  min: number;
  /** Share of the spare width (0: fixed). */
  flex: number;
  /** Left out first when the terminal is narrow: lower goes first; 0 never. */
  drop: number;
}

/** Cells the content of a flexible column needs (names from the engine's catalogue). */
export type WantedCells = Partial<Record<HistoryColumnId, number>>;

export function historyColumns(width: number, t: Catalogue, wanted: WantedCells = {}): HistoryColumn[] {
  const h = t.historyColumns;
  const fixed = (text: number, header: string) => Math.max(text, cellWidth(header)) + 1;
  const specs: Spec[] = [
    // "25 Nov 14:02:05", or "25 Nov 2024 14:02:05" when a row on screen is from another year.
    { id: 'started', min: fixed(wanted.started ?? 15, h.started), flex: 0, drop: 0 },
    { id: 'task', min: 12, flex: 3, drop: 0 },
    { id: 'service', min: 10, flex: 2, drop: 5 },
    { id: 'type', min: 12, flex: 2, drop: 2 },
    { id: 'outcome', min: fixed(outcomeCells(t), h.outcome), flex: 0, drop: 0 },
    { id: 'duration', min: fixed(8, h.duration), flex: 0, drop: 4 },
    // "scheduler", "по расписанию" whole.
    { id: 'by', min: fixed(Math.max(10, cellWidth(t.startedBy.scheduler)), h.by), flex: 0, drop: 3 },
    { id: 'instance', min: 12, flex: 2, drop: 1 },
    { id: 'info', min: 2, flex: 0, drop: 0 },
  ];
  const room = width - ROW_MARKER_CELLS;
  const needed = () => specs.reduce((sum, s) => sum + s.min, 0);
  while (needed() > room) {
    const droppable = specs.filter((s) => s.drop > 0).sort((a, b) => a.drop - b.drop)[0];
    if (!droppable) break;
    specs.splice(specs.indexOf(droppable), 1);
  }
  // Spare cells go first to what the names need, in column order, then are shared out.
  let spare = Math.max(0, room - needed());
  const columns = specs.map((s) => {
    const grow = s.flex > 0 ? Math.min(spare, Math.max(0, (wanted[s.id] ?? 0) + 1 - s.min)) : 0;
    spare -= grow;
    return { id: s.id, width: s.min + grow };
  });
  const shares = specs.reduce((sum, s) => sum + s.flex, 0);
  let given = 0;
  specs.forEach((s, i) => {
    const extra = shares === 0 ? 0 : Math.floor((spare * s.flex) / shares);
    given += extra;
    columns[i]!.width += extra;
  });
  // What rounding left over goes to the task name.
  const task = columns.find((c) => c.id === 'task');
  if (task) task.width += spare - given;
  return columns;
}
