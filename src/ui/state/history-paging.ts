// Keyset paging of the history window (pure). The screen holds only the rows it shows; a
// move past an edge asks the engine for the rows beyond it by run id (never OFFSET), so
// PgDn at row 900 000 costs what it costs at row 1, and End asks for the oldest page.
import type { RunSummary } from '../../engine/types.js';
import type { HistoryPage } from './history-state.js';

export type PageMove =
  | 'first'
  | 'last'
  | 'row-up'
  | 'row-down'
  | 'page-up'
  | 'page-down'
  /** Engine events: the top page again (cursor kept on its run), or the same window in place. */
  | 'refresh'
  /** The page size changed: the window again from the row that keeps the cursor in view. */
  | 'reload';

export interface PageFetch {
  limit: number;
  beforeId?: number;
  afterId?: number;
  oldest?: boolean;
}

export type PagePlan = { kind: 'fetch'; fetch: PageFetch } | { kind: 'cursor'; cursor: number } | { kind: 'stay' };

const fetch = (f: PageFetch): PagePlan => ({ kind: 'fetch', fetch: f });
const cursorTo = (page: HistoryPage, cursor: number): PagePlan =>
  cursor === page.cursor ? { kind: 'stay' } : { kind: 'cursor', cursor };

/** Rows `[from, ...]` of the page again: ids are whole numbers, so "before id + 1" includes that row. */
const from = (row: RunSummary | undefined, limit: number): PagePlan =>
  fetch(row ? { limit, beforeId: row.id + 1 } : { limit });

/** What a move needs: a cursor move inside the window, rows from the engine, or nothing. */
export function planMove(page: HistoryPage, move: PageMove, size: number): PagePlan {
  const { rows, cursor } = page;
  const first = rows[0];
  const last = rows[rows.length - 1];
  switch (move) {
    case 'first':
      return fetch({ limit: size });
    case 'last':
      return fetch({ limit: size, oldest: true });
    case 'row-up':
      if (cursor > 0) return cursorTo(page, cursor - 1);
      return page.atTop || !first ? { kind: 'stay' } : fetch({ limit: 1, afterId: first.id });
    case 'row-down':
      if (cursor < rows.length - 1) return cursorTo(page, cursor + 1);
      return page.atEnd || !last ? { kind: 'stay' } : fetch({ limit: 1, beforeId: last.id });
    case 'page-up':
      return page.atTop || !first ? cursorTo(page, 0) : fetch({ limit: size, afterId: first.id });
    case 'page-down':
      return page.atEnd || !last
        ? cursorTo(page, Math.max(0, rows.length - 1))
        : fetch({ limit: size, beforeId: last.id });
    case 'refresh':
      return page.atTop || !first ? fetch({ limit: size }) : from(first, size);
    case 'reload':
      return from(rows[Math.max(0, cursor - size + 1)], size);
  }
}

const clampIndex = (index: number, length: number) => Math.max(0, Math.min(index, length - 1));

/** At the top the newest row is what the user has seen: nothing above it is new. */
function seenTop(page: HistoryPage): HistoryPage {
  return page.atTop ? { ...page, newestId: page.rows[0]?.id ?? page.newestId, newRuns: 0 } : page;
}

const sameRows = (a: readonly RunSummary[], b: readonly RunSummary[]) =>
  a.length === b.length && JSON.stringify(a) === JSON.stringify(b);

/** The window after the engine answered a planned fetch with `rows` (newest first). */
export function applyPage(page: HistoryPage, move: PageMove, rows: readonly RunSummary[], size: number): HistoryPage {
  const cursorId = page.rows[page.cursor]?.id;
  switch (move) {
    case 'first':
      return { rows, cursor: 0, atTop: true, atEnd: rows.length < size, newestId: rows[0]?.id ?? null, newRuns: 0 };
    case 'last':
      return seenTop({ ...page, rows, cursor: Math.max(0, rows.length - 1), atTop: rows.length < size, atEnd: true });
    case 'row-up':
    case 'page-up': {
      if (rows.length === 0) return seenTop({ ...page, atTop: true, cursor: 0 });
      const combined = [...rows, ...page.rows];
      const target = move === 'row-up' ? 0 : Math.max(0, rows.length + page.cursor - size);
      return seenTop({
        ...page,
        rows: combined.slice(0, size),
        cursor: target,
        atTop: move === 'page-up' && rows.length < size,
        atEnd: page.atEnd && combined.length <= size,
      });
    }
    case 'row-down':
    case 'page-down': {
      if (rows.length === 0) return { ...page, atEnd: true, cursor: Math.max(0, page.rows.length - 1) };
      const combined = [...page.rows, ...rows];
      const start = Math.max(0, combined.length - size);
      const target = move === 'row-down' ? combined.length - 1 : Math.min(page.cursor + size, combined.length - 1);
      return {
        ...page,
        rows: combined.slice(start),
        cursor: target - start,
        atTop: page.atTop && start === 0,
        atEnd: move === 'page-down' && rows.length < size,
      };
    }
    case 'refresh': {
      if (page.atTop || page.rows.length === 0) {
        const at = cursorId === undefined ? 0 : rows.findIndex((r) => r.id === cursorId);
        if (at === -1) {
          // The run under the cursor was pushed off the top page: stay on it and say how many came.
          const newRuns = rows.filter((r) => r.id > (page.newestId ?? 0)).length;
          return { ...page, atTop: false, newRuns };
        }
        if (at === page.cursor && sameRows(rows, page.rows)) return page;
        return { rows, cursor: at, atTop: true, atEnd: rows.length < size, newestId: rows[0]?.id ?? null, newRuns: 0 };
      }
      return inPlace(page, rows, size, cursorId, page.atTop);
    }
    case 'reload': {
      const start = Math.max(0, page.cursor - size + 1);
      return seenTop(inPlace(page, rows, size, cursorId, page.atTop && start === 0));
    }
  }
}

function inPlace(
  page: HistoryPage,
  rows: readonly RunSummary[],
  size: number,
  cursorId: number | undefined,
  atTop: boolean,
): HistoryPage {
  if (rows.length === 0) return { ...page, rows, cursor: 0, atEnd: true };
  const at = rows.findIndex((r) => r.id === cursorId);
  const cursor = at === -1 ? clampIndex(page.cursor, rows.length) : at;
  if (cursor === page.cursor && atTop === page.atTop && sameRows(rows, page.rows)) return page;
  return { ...page, rows, cursor, atTop, atEnd: rows.length < size };
}
