// Feeds the history screen from the engine: the first page and the count once per filter
// change, a page per move past the window's edge (keyset, page size = visible rows), and,
// on engine events, the top page again (the cursor kept on its run) or — deeper in the
// history — the number of new runs above. Only the latest request's answer is used; a
// refresh waits for a page move in flight rather than take its place (the move's keys wait for it).
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type Dispatch } from 'react';
import type { RunSummary } from '../../engine/types.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { planMove, type PageMove } from '../state/history-paging.js';
import { COUNT_BOUND, filterQuery, NEW_RUNS_CAP } from '../state/history-query.js';
import { historyReducer, type HistoryAction } from '../state/history-reducer.js';
import type { HistoryScreenState } from '../state/history-state.js';
import { useUi } from '../ui-context.js';
import { useClock } from './clock.js';
import { createRefreshScheduler } from './refresh-scheduler.js';
import { useKeyHold } from './key-dispatcher.js';
import type { FeedTiming } from './use-engine-feed.js';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface HistoryPager {
  /** A move by the key being handled; the keys after it wait for its page (KeyQueue.hold). */
  go(move: PageMove): void;
  /** A page move has waited for the engine longer than SLOW_PAGE_MS (the keys typed meanwhile wait for it). */
  slow: boolean;
}

/** A page move waiting longer than this is said to be (a hung PostgreSQL must not look like a frozen screen). */
export const SLOW_PAGE_MS = 1000;

/** What a fetch gave: rows (null: nothing was fetched) and whether the move took effect. */
interface Fetched {
  rows: RunSummary[] | null;
  arrived: boolean;
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
  const hold = useKeyHold('history');
  /** A move's update, also on `latest` at once: a refresh planned before the commit starts from the new window. */
  const apply = useCallback(
    (action: HistoryAction) => {
      latest.current = { ...latest.current, screen: historyReducer(latest.current.screen, action) };
      dispatch(action);
    },
    [dispatch],
  );

  /** Fetches what a move needs; a later request (or a cancel) supersedes it. */
  const fetchPage = useCallback(
    async (move: PageMove): Promise<Fetched> => {
      const { screen: s, pageSize: size } = latest.current;
      const plan = planMove(s.page, move, size);
      if (plan.kind === 'stay') return { rows: null, arrived: true };
      if (plan.kind === 'cursor') {
        apply({ type: 'history-move', move, size });
        return { rows: null, arrived: true };
      }
      const request = ++requests.current;
      const generation = s.generation;
      try {
        const rows = await engine.history({ ...filterQuery(s.filters, clock.now()), ...plan.fetch });
        if (request !== requests.current) return { rows: null, arrived: false };
        apply({ type: 'history-page', generation, move, rows, size });
        return { rows, arrived: true };
      } catch (error) {
        if (request === requests.current) dispatch({ type: 'history-failed', generation, message: messageOf(error) });
        return { rows: null, arrived: false };
      }
    },
    [engine, clock, apply, dispatch],
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

  /** Page moves in flight, whether a refresh waits for them, and the timer that says they are slow. */
  const moving = useRef({
    count: 0,
    refreshAfter: false,
    reloadAfter: false,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const [slow, setSlow] = useState(false);
  // Closed while a page is on its way (a config reload hid the task): its answer changes
  // nothing, and the keys held for it are dropped, not given to the screen underneath.
  useEffect(
    () => () => {
      clearTimeout(moving.current.timer);
      ++requests.current;
    },
    [],
  );

  /** After engine events: new rows at the top, or how many are waiting above a deeper window. The count follows a change. */
  const refresh = useCallback(async () => {
    const s = latest.current.screen;
    if (!s.loaded) return;
    if (moving.current.count > 0) {
      moving.current.refreshAfter = true;
      return;
    }
    const deep = !s.page.atTop && s.page.rows.length > 0;
    const newRuns = deep
      ? engine
          .history({ ...filterQuery(s.filters, clock.now()), afterId: s.page.newestId ?? 0, limit: NEW_RUNS_CAP })
          .then(
            (rows) => rows.length,
            () => s.page.newRuns,
          )
      : Promise.resolve(0);
    const [{ rows }, waiting] = await Promise.all([fetchPage('refresh'), newRuns]);
    if (deep) dispatch({ type: 'history-new-runs', generation: s.generation, count: waiting });
    const changed = deep ? waiting !== s.page.newRuns : rows !== null && (rows[0]?.id ?? null) !== s.page.newestId;
    if (changed) await count();
  }, [engine, clock, dispatch, fetchPage, count]);

  /** A move the key being handled made: the keys after it wait for its page ("End i" opens the oldest run). */
  const go = useCallback(
    (move: PageMove): void => {
      const moves = moving.current;
      if (moves.count++ === 0) moves.timer = setTimeout(() => setSlow(true), SLOW_PAGE_MS);
      const arrived = fetchPage(move).then(
        ({ arrived }) => arrived,
        () => false,
      );
      void arrived.then(() => {
        if (--moves.count > 0) return;
        clearTimeout(moves.timer);
        setSlow(false);
        if (moves.reloadAfter) {
          moves.reloadAfter = moves.refreshAfter = false;
          void fetchPage('reload');
          return;
        }
        if (!moves.refreshAfter) return;
        moves.refreshAfter = false;
        void refresh();
      });
      hold({ arrived, cancel: () => void ++requests.current });
    },
    [fetchPage, refresh, hold],
  );

  // A new generation (the screen opened, or the filters changed): the first page and the count.
  // In the commit of the key that did it (a layout effect), so the keys typed after it wait
  // for the page ("H i" opens the newest run). Back from a screen opened over the history
  // (diagnostics, help), the window shown is refreshed instead, and nothing waits for it.
  useLayoutEffect(() => {
    const s = latest.current.screen;
    if (s.loaded) void refresh();
    else go('first');
    if (s.count === null) void count();
  }, [screen.generation, count, refresh, go]);

  const shownSize = useRef(pageSize);
  useEffect(() => {
    if (shownSize.current === pageSize) return;
    shownSize.current = pageSize;
    // A page move on its way (keys wait for it) is not replaced: the reload follows it.
    if (moving.current.count > 0) moving.current.reloadAfter = true;
    else void fetchPage('reload');
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

  return { go, slow };
}
