// Keyset paging of the history window, without a terminal: what each move asks the engine
// for, and the window after its answer.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RunSummary } from '../../../src/engine/types.js';
import { applyPage, planMove, type PageFetch, type PageMove } from '../../../src/ui/state/history-paging.js';
import { EMPTY_PAGE, type HistoryPage } from '../../../src/ui/state/history-state.js';
import { makeRun, summaryOf } from '../../helpers/fake-engine.js';

const run = (id: number): RunSummary => summaryOf(makeRun({ id }));

/** The engine's keyset answer over runs with the given ids (any order), newest first. */
function answer(ids: readonly number[], f: PageFetch): RunSummary[] {
  const desc = [...ids].sort((a, b) => b - a);
  if (f.afterId !== undefined || f.oldest) {
    return desc
      .filter((id) => id > (f.afterId ?? 0))
      .slice(-f.limit)
      .map(run);
  }
  return desc
    .filter((id) => id < (f.beforeId ?? Infinity))
    .slice(0, f.limit)
    .map(run);
}

/** One move: planned, answered by `ids`, applied. */
function step(page: HistoryPage, move: PageMove, ids: readonly number[], size: number): HistoryPage {
  const plan = planMove(page, move, size);
  if (plan.kind === 'stay') return page;
  if (plan.kind === 'cursor') return { ...page, cursor: plan.cursor };
  return applyPage(page, move, answer(ids, plan.fetch), size);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const idsOf = (page: HistoryPage) => page.rows.map((r) => r.id);
const top = (ids: number[], size: number) => step(EMPTY_PAGE, 'first', ids, size);

describe('what a move asks for', () => {
  const page = top(range(1, 100), 10); // 100..91

  test('inside the window the cursor moves and nothing is fetched', () => {
    expect(planMove(page, 'row-down', 10)).toEqual({ kind: 'cursor', cursor: 1 });
    expect(planMove({ ...page, cursor: 5 }, 'row-up', 10)).toEqual({ kind: 'cursor', cursor: 4 });
    expect(planMove(page, 'row-up', 10)).toEqual({ kind: 'stay' });
    expect(planMove({ ...page, cursor: 3 }, 'page-up', 10)).toEqual({ kind: 'cursor', cursor: 0 });
  });

  test('past an edge: one row or one page by run id, never an offset; End reads the oldest page', () => {
    expect(planMove({ ...page, cursor: 9 }, 'row-down', 10)).toEqual({
      kind: 'fetch',
      fetch: { limit: 1, beforeId: 91 },
    });
    expect(planMove(page, 'page-down', 10)).toEqual({ kind: 'fetch', fetch: { limit: 10, beforeId: 91 } });
    expect(planMove({ ...page, atTop: false }, 'page-up', 10)).toEqual({
      kind: 'fetch',
      fetch: { limit: 10, afterId: 100 },
    });
    expect(planMove({ ...page, atTop: false }, 'row-up', 10)).toEqual({
      kind: 'fetch',
      fetch: { limit: 1, afterId: 100 },
    });
    expect(planMove(page, 'last', 10)).toEqual({ kind: 'fetch', fetch: { limit: 10, oldest: true } });
    expect(planMove(page, 'first', 10)).toEqual({ kind: 'fetch', fetch: { limit: 10 } });
  });

  test('a resize asks for the window again from the row that keeps the cursor in view', () => {
    expect(planMove({ ...page, cursor: 8 }, 'reload', 5)).toEqual({ kind: 'fetch', fetch: { limit: 5, beforeId: 97 } });
    const reloaded = step({ ...page, cursor: 8 }, 'reload', range(1, 100), 5);
    expect(idsOf(reloaded)).toEqual([96, 95, 94, 93, 92]);
    expect(reloaded.rows[reloaded.cursor]?.id).toBe(92);
    expect(reloaded.atTop).toBe(false);
  });
});

describe('the window after an answer', () => {
  const ids = range(1, 25);

  test('PgDn shows the next page with the cursor at the same height; the last page is marked', () => {
    let page = { ...top(ids, 10), cursor: 2 };
    page = step(page, 'page-down', ids, 10);
    expect(idsOf(page)).toEqual(range(6, 15).reverse());
    expect(page.cursor).toBe(2);
    expect(page.atTop).toBe(false);
    page = step(page, 'page-down', ids, 10);
    expect(idsOf(page)).toEqual(range(1, 10).reverse());
    expect(page.atEnd).toBe(true);
    // A page below run 13 is run 3; one more PgDn stops on the oldest.
    expect(page.rows[page.cursor]?.id).toBe(3);
    expect(planMove(page, 'page-down', 10)).toEqual({ kind: 'cursor', cursor: 9 });
  });

  test('End then PgUp: back up by pages until the newest run', () => {
    let page = step(top(ids, 10), 'last', ids, 10);
    expect(idsOf(page)).toEqual(range(1, 10).reverse());
    expect(page.rows[page.cursor]?.id).toBe(1);
    page = step(page, 'page-up', ids, 10);
    expect(idsOf(page)).toEqual(range(11, 20).reverse());
    page = step(page, 'page-up', ids, 10);
    expect(idsOf(page)).toEqual(range(16, 25).reverse());
    expect(page.atTop).toBe(true);
  });

  test('↓ on the last row scrolls one row', () => {
    const page = step({ ...top(ids, 10), cursor: 9 }, 'row-down', ids, 10);
    expect(idsOf(page)).toEqual(range(15, 24).reverse());
    expect(page.rows[page.cursor]?.id).toBe(15);
  });

  test('a refresh on the top page keeps the cursor on its run as new ones come in above', () => {
    const page = { ...top(ids, 10), cursor: 3 };
    const after = step(page, 'refresh', [...ids, 26, 27], 10);
    expect(after.rows[0]?.id).toBe(27);
    expect(after.rows[after.cursor]?.id).toBe(22);
    expect(after.newRuns).toBe(0);
  });

  test('when new runs would push the cursor off the page, the window stays and says how many came', () => {
    const page = { ...top(ids, 10), cursor: 8 };
    const after = step(page, 'refresh', [...ids, ...range(26, 30)], 10);
    expect(idsOf(after)).toEqual(idsOf(page));
    expect(after.atTop).toBe(false);
    expect(after.newRuns).toBe(5);
  });

  test('an unchanged refresh changes nothing (no re-render)', () => {
    const page = top(ids, 10);
    expect(step(page, 'refresh', ids, 10)).toBe(page);
  });
});

test('any walk through any history keeps a window of consecutive runs, and its edge marks are never wrong', () => {
  const moves: PageMove[] = ['first', 'last', 'row-up', 'row-down', 'page-up', 'page-down', 'reload'];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 120 }),
      fc.integer({ min: 1, max: 12 }),
      fc.array(fc.constantFrom(...moves), { maxLength: 60 }),
      (n, size, walk) => {
        const ids = range(1, n);
        let page = top(ids, size);
        for (const move of walk) {
          page = step(page, move, ids, size);
          const shown = idsOf(page);
          expect(shown.length).toBe(Math.min(size, n));
          shown.forEach((id, i) => i > 0 && expect(id).toBe(shown[i - 1]! - 1));
          if (n > 0) expect(page.cursor).toBeGreaterThanOrEqual(0);
          expect(page.cursor).toBeLessThan(Math.max(1, shown.length));
          if (page.atTop && n > 0) expect(shown[0]).toBe(n);
          if (page.atEnd && n > 0) expect(shown.at(-1)).toBe(1);
        }
      },
    ),
  );
});
