// The history screen's state changes, without a terminal.
import { describe, expect, test } from 'vitest';
import { dashboardReducer } from '../../../src/ui/state/dashboard-reducer.js';
import { initialDashboardState, type DashboardState } from '../../../src/ui/state/dashboard-state.js';
import { historyReducer, type HistoryAction } from '../../../src/ui/state/history-reducer.js';
import { initialHistoryState, type HistoryScreenState } from '../../../src/ui/state/history-state.js';
import { AT_1402, makeRun, NOW, summaryOf } from '../../helpers/fake-engine.js';

const rows = [3, 2, 1].map((id) => summaryOf(makeRun({ id })));
const reduce = (screen: HistoryScreenState, ...actions: HistoryAction[]) => actions.reduce(historyReducer, screen);
const loaded = () =>
  reduce(initialHistoryState(null), { type: 'history-page', generation: 0, move: 'first', rows, size: 10 });

describe('filters', () => {
  test('h opens with the task filter; clearing it removes it', () => {
    const screen = initialHistoryState({ id: 'calls', name: 'Receive calls' });
    expect(screen.filters.task).toEqual({ id: 'calls', name: 'Receive calls' });
    expect(reduce(screen, { type: 'history-filters-clear' }).filters.task).toBeNull();
  });

  test('picks change the draft only; Enter applies them as a new generation and drops the old window and count', () => {
    let screen = reduce(loaded(), { type: 'history-count', generation: 0, count: 3 }, { type: 'history-panel-open' });
    screen = reduce(
      screen,
      { type: 'history-panel-field', step: 1 },
      { type: 'history-panel-field', step: 1 },
      { type: 'history-panel-pick', patch: { outcome: 'errors' } },
    );
    expect(screen.panel?.field).toBe('outcome');
    expect(screen.filters.outcome).toBe('all');
    screen = reduce(screen, { type: 'history-filters-apply', now: NOW });
    expect(screen).toMatchObject({
      generation: 1,
      loaded: false,
      count: null,
      panel: null,
      filters: { outcome: 'errors' },
    });
    expect(screen.page.rows).toEqual([]);
  });

  test('applying the same filters keeps the generation (no new fetch, no recount)', () => {
    const screen = reduce(loaded(), { type: 'history-panel-open' }, { type: 'history-filters-apply', now: NOW });
    expect(screen.generation).toBe(0);
    expect(screen.panel).toBeNull();
    expect(screen.page.rows).toBe(rows);
  });

  test('Tab wraps around the fields; Esc closes the panel without applying', () => {
    let screen = reduce(loaded(), { type: 'history-panel-open' }, { type: 'history-panel-field', step: -1 });
    expect(screen.panel?.field).toBe('to');
    screen = reduce(screen, { type: 'history-panel-pick', patch: { since: '24h' } }, { type: 'history-panel-close' });
    expect(screen.filters.since).toBe('any');
  });

  test('answers for an older generation are dropped', () => {
    const screen = reduce(
      loaded(),
      { type: 'history-filters-clear' },
      { type: 'history-panel-open' },
      { type: 'history-panel-pick', patch: { type: 'calls' } },
      { type: 'history-filters-apply', now: NOW },
    );
    expect(screen.generation).toBe(1);
    const stale = reduce(
      screen,
      { type: 'history-page', generation: 0, move: 'first', rows, size: 10 },
      { type: 'history-count', generation: 0, count: 3 },
    );
    expect(stale).toBe(screen);
  });
});

describe('by time and by person (issue 17)', () => {
  /** Opens the panel and Tabs to a field. */
  const toField = (field: string, screen = loaded()) => {
    let s = reduce(screen, { type: 'history-panel-open' });
    while (s.panel?.field !== field) s = reduce(s, { type: 'history-panel-field', step: 1 });
    return s;
  };
  const typeText = (screen: HistoryScreenState, text: string) =>
    reduce(screen, { type: 'history-panel-type', edit: { append: text } });

  test('the fields in Tab order: service, type, outcome, task, started by, time, from, to', () => {
    const seen: string[] = [];
    let s = reduce(loaded(), { type: 'history-panel-open' });
    for (let i = 0; i < 9; i++) {
      seen.push(s.panel!.field);
      s = reduce(s, { type: 'history-panel-field', step: 1 });
    }
    expect(seen).toEqual(['service', 'type', 'outcome', 'task', 'by', 'since', 'from', 'to', 'service']);
  });

  test('"started by" applies as the engine\'s startedBy', () => {
    const s = reduce(
      toField('by'),
      { type: 'history-panel-pick', patch: { by: 'scheduler' } },
      { type: 'history-filters-apply', now: NOW },
    );
    expect(s.filters.by).toBe('scheduler');
    expect(s.generation).toBe(1);
  });

  test('a typed from/to picks "from … to …" and applies as times; a span is back from when Enter was pressed', () => {
    let s = typeText(toField('from'), '2025-11-26 02:00');
    expect(s.panel?.draft.since).toBe('range');
    s = reduce(s, { type: 'history-panel-field', step: 1 });
    s = typeText(s, '2h');
    s = reduce(s, { type: 'history-filters-apply', now: NOW });
    expect(s.panel).toBeNull();
    expect(s.filters).toMatchObject({
      since: 'range',
      from: new Date(2025, 10, 26, 2, 0).getTime(),
      to: NOW - 2 * 3_600_000,
    });
    expect(s.generation).toBe(1);
    // Opened again, the panel shows the applied ends as times it reads back.
    const again = reduce(s, { type: 'history-panel-open' });
    expect(again.panel?.text).toEqual({ from: '2025-11-26 02:00', to: '2025-11-26 12:10' });
    expect(reduce(again, { type: 'history-filters-apply', now: NOW + 60_000 }).generation).toBe(1);
  });

  test('a typed end that is not a time keeps the panel open on that field, saying so, and applies nothing', () => {
    let s = typeText(toField('from'), 'last night');
    s = reduce(s, { type: 'history-panel-field', step: -1 }, { type: 'history-filters-apply', now: NOW });
    expect(s.panel).toMatchObject({ field: 'from', invalid: 'from' });
    expect(s.filters).toEqual(loaded().filters);
    expect(s.generation).toBe(0);
    // Erasing clears the complaint.
    const erased = reduce(s, { type: 'history-panel-type', edit: 'erase' });
    expect(erased.panel).toMatchObject({ invalid: null, text: { from: 'last nigh' } });
  });

  test('"to" not after "from" is refused on "to"', () => {
    let s = typeText(toField('from'), '2025-11-26 03:00');
    s = reduce(s, { type: 'history-panel-field', step: 1 });
    s = reduce(typeText(s, '2025-11-26 02:00'), { type: 'history-filters-apply', now: NOW });
    expect(s.panel).toMatchObject({ field: 'to', invalid: 'to' });
  });

  test('a preset replaces what was typed; "from … to …" with nothing typed is any time', () => {
    let s = typeText(toField('from'), '2025-11-26');
    s = reduce(s, { type: 'history-panel-pick', patch: { since: '7d' } });
    expect(s.panel?.text).toEqual({ from: '', to: '' });
    expect(reduce(s, { type: 'history-filters-apply', now: NOW }).filters).toMatchObject({
      since: '7d',
      from: null,
      to: null,
    });
    const empty = reduce(
      toField('since'),
      { type: 'history-panel-pick', patch: { since: 'range' } },
      { type: 'history-filters-apply', now: NOW },
    );
    expect(empty.filters.since).toBe('any');
    expect(empty.generation).toBe(0);
  });

  test('typing reaches only a typed field', () => {
    const s = toField('by');
    expect(typeText(s, 'x')).toBe(s);
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
  let state: DashboardState = dashboardReducer(initialDashboardState, {
    type: 'open',
    screen: initialHistoryState(null),
  });
  state = dashboardReducer(state, { type: 'history-page', generation: 0, move: 'first', rows, size: 10 });
  state = dashboardReducer(state, {
    type: 'open',
    screen: { kind: 'diagnostics', runId: 3, taskName: 'x', scroll: 0, details: null, error: null },
  });
  state = dashboardReducer(state, { type: 'history-move', move: 'row-down', size: 10 });
  state = dashboardReducer(state, { type: 'history-move', move: 'row-down', size: 10 });
  const history = state.screens[0];
  expect(history?.kind === 'history' && history.page.cursor).toBe(2);
  expect(state.screens[1]?.kind).toBe('diagnostics');
  expect(dashboardReducer(initialDashboardState, { type: 'history-move', move: 'row-down', size: 10 })).toBe(
    initialDashboardState,
  );
});
