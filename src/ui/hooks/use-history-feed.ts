// Feeds the history screen from the engine: the first page and the count once per filter
// change, a page per move past the window's edge (keyset, page size = visible rows), and,
// on engine events, the top page again (the cursor kept on its run) or — deeper in the
// history — the number of new runs above. Only the latest request's answer is used.
import { useCallback, useEffect, useLayoutEffect, useRef, type Dispatch } from 'react';
import type { RunSummary } from '../../engine/types.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { planMove, type PageMove } from '../state/history-paging.js';
import { COUNT_BOUND, filterQuery, NEW_RUNS_CAP } from '../state/history-query.js';
import type { HistoryScreenState } from '../state/history-state.js';
import { useUi } from '../ui-context.js';
import { useClock } from './clock.js';
import { createRefreshScheduler } from './refresh-scheduler.js';
import type { FeedTiming } from './use-engine-feed.js';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface HistoryPager {
  /** Resolves when the move has been answered (or was not needed). */
  go(move: PageMove): Promise<void>;
}

export function useHistoryFeed(
  screen: HistoryScreenState,
  dispatch: Dispatch<DashboardAction>,
  pageSize: number,
  timing: FeedTiming,
): HistoryPager {
  const { engine } = useUi();
  const clock = useClock();
  const latest = useRef({ screen, pageSize });
  useLayoutEffect(() => {
    latest.current = { screen, pageSize };
  });
  const requests = useRef(0);

  /** Fetches what a move needs; resolves with the rows (null when nothing was fetched or the answer was superseded). */
  const fetchPage = useCallback(
    async (move: PageMove): Promise<RunSummary[] | null> => {
      const { screen: s, pageSize: size } = latest.current;
      const plan = planMove(s.page, move, size);
      if (plan.kind === 'stay') return null;
      if (plan.kind === 'cursor') {
        dispatch({ type: 'history-move', move, size });
        return null;
      }
      const request = ++requests.current;
      const generation = s.generation;
      try {
        const rows = await engine.history({ ...filterQuery(s.filters, clock.now()), ...plan.fetch });
        if (request !== requests.current) return null;
        dispatch({ type: 'history-page', generation, move, rows, size });
        return rows;
      } catch (error) {
        if (request === requests.current) dispatch({ type: 'history-failed', generation, message: messageOf(error) });
        return null;
      }
    },
    [engine, clock, dispatch],
  );

  const count = useCallback(async () => {
    const s = latest.current.screen;
    const generation = s.generation;
    try {
      dispatch({
        type: 'history-count',
        generation,
        count: await engine.countHistory(filterQuery(s.filters, clock.now()), COUNT_BOUND),
      });
    } catch (error) {
      dispatch({ type: 'history-failed', generation, message: messageOf(error) });
    }
  }, [engine, clock, dispatch]);

  /** After engine events: new rows at the top, or how many are waiting above a deeper window. The count follows a change. */
  const refresh = useCallback(async () => {
    const s = latest.current.screen;
    if (!s.loaded) return;
    const deep = !s.page.atTop && s.page.rows.length > 0;
    const newRuns = deep
      ? engine
          .history({ ...filterQuery(s.filters, clock.now()), afterId: s.page.newestId ?? 0, limit: NEW_RUNS_CAP })
          .then(
            (rows) => rows.length,
            () => s.page.newRuns,
          )
      : Promise.resolve(0);
    const [rows, waiting] = await Promise.all([fetchPage('refresh'), newRuns]);
    if (deep) dispatch({ type: 'history-new-runs', generation: s.generation, count: waiting });
    const changed = deep ? waiting !== s.page.newRuns : rows !== null && (rows[0]?.id ?? null) !== s.page.newestId;
    if (changed) await count();
  }, [engine, clock, dispatch, fetchPage, count]);

  // A new generation (the screen opened, or the filters changed): the first page and the count.
  // Back from a screen opened over the history (diagnostics, help), the window is refreshed instead.
  useEffect(() => {
    const s = latest.current.screen;
    void (s.loaded ? refresh() : fetchPage('first'));
    if (s.count === null) void count();
  }, [screen.generation, count, refresh, fetchPage]);

  const shownSize = useRef(pageSize);
  useEffect(() => {
    if (shownSize.current === pageSize) return;
    shownSize.current = pageSize;
    void fetchPage('reload');
  }, [pageSize, fetchPage]);

  useEffect(() => {
    if (latest.current.screen.catalog) return;
    let alive = true;
    engine.catalog().then(
      (catalog) => alive && dispatch({ type: 'history-catalog', catalog }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [engine, dispatch]);

  useEffect(() => {
    const scheduler = createRefreshScheduler(refresh, timing.refreshGapMs);
    const unsubscribe = engine.subscribe((event) => {
      if (
        event.type === 'run-started' ||
        event.type === 'run-finished' ||
        event.type === 'tasks-changed' ||
        event.type === 'storage-recovered'
      ) {
        scheduler.request();
      }
    });
    return () => {
      unsubscribe();
      scheduler.dispose();
    };
  }, [engine, refresh, timing.refreshGapMs]);

  return { go: async (move) => void (await fetchPage(move)) };
}
