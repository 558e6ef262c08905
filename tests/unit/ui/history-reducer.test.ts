// The history screen's state changes, without a terminal.
import { describe, expect, test } from 'vitest';
import { dashboardReducer } from '../../../src/ui/state/dashboard-reducer.js';
import { initialDashboardState, type DashboardState } from '../../../src/ui/state/dashboard-state.js';
import { historyReducer, type HistoryAction } from '../../../src/ui/state/history-reducer.js';
import { initialHistoryState, type HistoryScreenState } from '../../../src/ui/state/history-state.js';
import { AT_1402, makeRun, summaryOf } from '../../helpers/fake-engine.js';

const rows = [3, 2, 1].map((id) => summaryOf(makeRun({ id })));
const reduce = (screen: HistoryScreenState, ...actions: HistoryAction[]) => actions.reduce(historyReducer, screen);
const loaded = () => reduce(initialHistoryState(null), { type: 'history-page', generation: 0, move: 'first', rows, size: 10 });

describe('filters', () => {
  test('h opens with the task filter; clearing it removes it', () => {
    const screen = initialHistoryState({ id: 'calls', name: 'Receive calls' });
    expect(screen.filters.task).toEqual({ id: 'calls', name: 'Receive calls' });
    expect(reduce(screen, { type: 'history-filters-clear' }).filters.task).toBeNull();
  });

  test('picks change the draft only; Enter applies them as a new generation and drops the old window and count', () => {
    let screen = reduce(loaded(), { type: 'history-count', generation: 0, count: 3 }, { type: 'history-panel-open' });
    screen = reduce(screen, { type: 'history-panel-field', step: 1 }, { type: 'history-panel-field', step: 1 }, { type: 'history-panel-pick', patch: { outcome: 'errors' } });
    expect(screen.panel?.field).toBe('outcome');
    expect(screen.filters.outcome).toBe('all');
    screen = reduce(screen, { type: 'history-filters-apply' });
    expect(screen).toMatchObject({ generation: 1, loaded: false, count: null, panel: null, filters: { outcome: 'errors' } });
    expect(screen.page.rows).toEqual([]);
  });

  test('applying the same filters keeps the generation (no new fetch, no recount)', () => {
    const screen = reduce(loaded(), { type: 'history-panel-open' }, { type: 'history-filters-apply' });
    expect(screen.generation).toBe(0);
    expect(screen.panel).toBeNull();
    expect(screen.page.rows).toBe(rows);
  });

  test('Tab wraps around the fields; Esc closes the panel without applying', () => {
    let screen = reduce(loaded(), { type: 'history-panel-open' }, { type: 'history-panel-field', step: -1 });
    expect(screen.panel?.field).toBe('since');
    screen = reduce(screen, { type: 'history-panel-pick', patch: { since: '24h' } }, { type: 'history-panel-close' });
    expect(screen.filters.since).toBe('any');
  });

  test('answers for an older generation are dropped', () => {
    const screen = reduce(loaded(), { type: 'history-filters-clear' }, { type: 'history-panel-open' }, { type: 'history-panel-pick', patch: { type: 'calls' } }, { type: 'history-filters-apply' });
    expect(screen.generation).toBe(1);
    const stale = reduce(screen, { type: 'history-page', generation: 0, move: 'first', rows, size: 10 }, { type: 'history-count', generation: 0, count: 3 });
    expect(stale).toBe(screen);
  });
});

describe('the information popup', () => {
  test('opens on the cursor row, gets its details and live log lines once each, closes', () => {
    let screen = reduce(loaded(), { type: 'history-move', move: 'row-down', size: 10 }, { type: 'history-info-open' });
    expect(screen.info?.run.id).toBe(2);
    const line = { at: AT_1402, level: 'info' as const, message: 'page 2' };
    screen = reduce(screen, { type: 'history-info-details', runId: 2, details: makeRun({ id: 2, log: [line] }) });
    expect(reduce(screen, { type: 'history-info-log', runId: 2, line })).toBe(screen);
    const next = { ...line, message: 'page 3' };
    expect(reduce(screen, { type: 'history-info-log', runId: 2, line: next }).info?.details?.log).toEqual([line, next]);
    expect(reduce(screen, { type: 'history-info-details', runId: 3, details: makeRun({ id: 3 }) })).toBe(screen);
    expect(reduce(screen, { type: 'history-info-close' }).info).toBeNull();
  });

  test('needs a row', () => {
    const empty = initialHistoryState(null);
    expect(reduce(empty, { type: 'history-info-open' })).toBe(empty);
  });
});

test('new runs above a deep window are counted; on the top page they are shown instead', () => {
  const deep = { ...loaded(), page: { ...loaded().page, atTop: false } };
  expect(reduce(deep, { type: 'history-new-runs', generation: 0, count: 4 }).page.newRuns).toBe(4);
  const atTop = loaded();
  expect(reduce(atTop, { type: 'history-new-runs', generation: 0, count: 4 })).toBe(atTop);
});

test('the dashboard reducer hands history actions to the history screen, even under the diagnostics opened from it', () => {
  let state: DashboardState = dashboardReducer(initialDashboardState, { type: 'open', screen: initialHistoryState(null) });
  state = dashboardReducer(state, { type: 'history-page', generation: 0, move: 'first', rows, size: 10 });
  state = dashboardReducer(state, { type: 'open', screen: { kind: 'diagnostics', runId: 3, taskName: 'x', scroll: 0, details: null, error: null } });
  state = dashboardReducer(state, { type: 'history-move', move: 'row-down', size: 10 });
  state = dashboardReducer(state, { type: 'history-move', move: 'row-down', size: 10 });
  const history = state.screens[0];
  expect(history?.kind === 'history' && history.page.cursor).toBe(2);
  expect(state.screens[1]?.kind).toBe('diagnostics');
  expect(dashboardReducer(initialDashboardState, { type: 'history-move', move: 'row-down', size: 10 })).toBe(initialDashboardState);
});
