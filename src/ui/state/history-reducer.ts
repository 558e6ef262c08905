// Every change to the history screen (pure; the dashboard reducer hands these actions to
// the history screen in its stack).
import type { LogLine, RunDetails, RunSummary } from '../../engine/types.js';
import { resolveRange, sameFilters, typedText } from './history-query.js';
import { applyPage, planMove, type PageMove } from './history-paging.js';
import { unseenLines } from './run-log.js';
import { eraseLast, typeInto } from './text-input.js';
import {
  EMPTY_PAGE,
  FILTER_FIELDS,
  isTextField,
  NO_FILTERS,
  selectedRun,
  type HistoryCatalog,
  type HistoryFilters,
  type HistoryScreenState,
} from './history-state.js';

/** A WHEN is short: "2026-11-30T02:00:00+03:00" is the longest useful one. */
const WHEN_MAX_LENGTH = 32;

export type HistoryAction =
  | { type: 'history-page'; generation: number; move: PageMove; rows: readonly RunSummary[]; size: number }
  /** A move inside the window (planned again on the state it lands on, so quick keys add up). */
  | { type: 'history-move'; move: PageMove; size: number }
  | { type: 'history-failed'; generation: number; message: string }
  | { type: 'history-count'; generation: number; count: number }
  | { type: 'history-new-runs'; generation: number; count: number }
  | { type: 'history-catalog'; catalog: HistoryCatalog }
  | { type: 'history-panel-open' }
  | { type: 'history-panel-field'; step: 1 | -1 }
  | { type: 'history-panel-pick'; patch: Partial<HistoryFilters> }
  /**
   * Typing into the focused typed field (from/to): text added, or the last character
   * erased. Applied to the state, not to what a handler last saw, so keys that arrive
   * together are not lost.
   */
  | { type: 'history-panel-type'; edit: { append: string } | 'erase' }
  | { type: 'history-panel-close' }
  /** `now`: when the typed from/to are read (a span such as 2h is back from it). */
  | { type: 'history-filters-apply'; now: number }
  | { type: 'history-filters-clear' }
  | { type: 'history-info-open' }
  | { type: 'history-info-details'; runId: number; details: RunDetails }
  | { type: 'history-info-failed'; runId: number; message: string }
  | { type: 'history-info-log'; runId: number; line: LogLine }
  | { type: 'history-info-scroll'; value: number }
  | { type: 'history-info-close' };

const HISTORY_ACTIONS = new Set<string>([
  'history-page',
  'history-move',
  'history-failed',
  'history-count',
  'history-new-runs',
  'history-catalog',
  'history-panel-open',
  'history-panel-field',
  'history-panel-pick',
  'history-panel-type',
  'history-panel-close',
  'history-filters-apply',
  'history-filters-clear',
  'history-info-open',
  'history-info-details',
  'history-info-failed',
  'history-info-log',
  'history-info-scroll',
  'history-info-close',
] satisfies HistoryAction['type'][]);

export const isHistoryAction = (action: { type: string }): action is HistoryAction => HISTORY_ACTIONS.has(action.type);

/** New filters start a new generation: the window, the count and any answer in flight are dropped. */
function withFilters(screen: HistoryScreenState, filters: HistoryFilters): HistoryScreenState {
  if (sameFilters(filters, screen.filters)) return screen.panel ? { ...screen, panel: null } : screen;
  return {
    ...screen,
    filters,
    generation: screen.generation + 1,
    page: EMPTY_PAGE,
    loaded: false,
    count: null,
    error: null,
    panel: null,
    info: null,
  };
}

function updateInfo(
  screen: HistoryScreenState,
  runId: number,
  update: (info: NonNullable<HistoryScreenState['info']>) => HistoryScreenState['info'],
): HistoryScreenState {
  const info = screen.info;
  if (!info || info.run.id !== runId) return screen;
  const next = update(info);
  return next === info ? screen : { ...screen, info: next };
}

export function historyReducer(screen: HistoryScreenState, action: HistoryAction): HistoryScreenState {
  switch (action.type) {
    case 'history-page': {
      if (action.generation !== screen.generation) return screen;
      const page = applyPage(screen.page, action.move, action.rows, action.size);
      if (page === screen.page && screen.loaded && screen.error === null) return screen;
      return { ...screen, page, loaded: true, error: null };
    }
    case 'history-move': {
      const plan = planMove(screen.page, action.move, action.size);
      return plan.kind === 'cursor' ? { ...screen, page: { ...screen.page, cursor: plan.cursor } } : screen;
    }
    case 'history-failed':
      if (action.generation !== screen.generation) return screen;
      return { ...screen, loaded: true, error: action.message };
    case 'history-count':
      if (action.generation !== screen.generation || action.count === screen.count) return screen;
      return { ...screen, count: action.count };
    case 'history-new-runs':
      if (action.generation !== screen.generation || screen.page.atTop || action.count === screen.page.newRuns)
        return screen;
      return { ...screen, page: { ...screen.page, newRuns: action.count } };
    case 'history-catalog':
      return { ...screen, catalog: action.catalog };
    case 'history-panel-open':
      return {
        ...screen,
        panel: {
          field: FILTER_FIELDS[0] ?? 'service',
          draft: screen.filters,
          text: typedText(screen.filters),
          invalid: null,
        },
        info: null,
      };
    case 'history-panel-field': {
      const panel = screen.panel;
      if (!panel) return screen;
      const at = FILTER_FIELDS.indexOf(panel.field);
      const field = FILTER_FIELDS[(at + action.step + FILTER_FIELDS.length) % FILTER_FIELDS.length] ?? panel.field;
      return { ...screen, panel: { ...panel, field } };
    }
    case 'history-panel-pick': {
      const panel = screen.panel;
      if (!panel) return screen;
      // A preset replaces what was typed; picking "from/to" keeps it.
      const preset = action.patch.since !== undefined && action.patch.since !== 'range';
      return {
        ...screen,
        panel: {
          ...panel,
          draft: { ...panel.draft, ...action.patch },
          ...(preset ? { text: { from: '', to: '' }, invalid: null } : {}),
        },
      };
    }
    case 'history-panel-type': {
      const panel = screen.panel;
      if (!panel || !isTextField(panel.field)) return screen;
      const was = panel.text[panel.field];
      const now = action.edit === 'erase' ? eraseLast(was) : typeInto(was, action.edit.append, WHEN_MAX_LENGTH);
      if (now === was) return screen;
      // Typing a time picks "from/to" in the time list.
      const text = { ...panel.text, [panel.field]: now };
      return { ...screen, panel: { ...panel, text, draft: { ...panel.draft, since: 'range' }, invalid: null } };
    }
    case 'history-panel-close':
      return screen.panel ? { ...screen, panel: null } : screen;
    case 'history-filters-apply': {
      const panel = screen.panel;
      if (!panel) return screen;
      if (panel.draft.since !== 'range') return withFilters(screen, { ...panel.draft, from: null, to: null });
      const range = resolveRange(panel.text, action.now);
      // A typed end that is not a time: the panel stays, on that field, saying so.
      if (!range.ok) return { ...screen, panel: { ...panel, field: range.field, invalid: range.field } };
      const open = range.from === null && range.to === null;
      return withFilters(screen, { ...panel.draft, since: open ? 'any' : 'range', from: range.from, to: range.to });
    }
    case 'history-filters-clear':
      return withFilters(screen, NO_FILTERS);
    case 'history-info-open': {
      const run = selectedRun(screen);
      return run ? { ...screen, info: { run, details: null, error: null, scroll: 0 }, panel: null } : screen;
    }
    case 'history-info-details':
      return updateInfo(screen, action.runId, (info) => ({
        ...info,
        run: summaryOf(action.details),
        details: action.details,
        error: null,
      }));
    case 'history-info-failed':
      return updateInfo(screen, action.runId, (info) => ({ ...info, error: action.message }));
    case 'history-info-log':
      return updateInfo(screen, action.runId, (info) => {
        const { details } = info;
        // Lines that came before the details were fetched are in them already.
        if (!details || unseenLines(details.log, [action.line]).length === 0) return info;
        return { ...info, details: { ...details, log: [...details.log, action.line] } };
      });
    case 'history-info-scroll':
      return screen.info && screen.info.scroll !== action.value
        ? { ...screen, info: { ...screen.info, scroll: action.value } }
        : screen;
    case 'history-info-close':
      return screen.info ? { ...screen, info: null } : screen;
  }
}

function summaryOf(details: RunDetails): RunSummary {
  const { log: _log, exchanges: _exchanges, ...summary } = details;
  return summary;
}
