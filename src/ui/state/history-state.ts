// The history screen's state (issue 6): the applied filters, the window of runs on screen
// (keyset paging: only the visible rows are held), the filter panel and the run
// information popup. Changed only through historyReducer.
import type { RunDetails, RunSummary } from '../../engine/types.js';

export type OutcomeChoice = 'all' | 'errors' | 'success' | 'warning' | 'cancelled' | 'interrupted';
/** A preset time window back from now, or `range`: the typed from/to. */
export type SinceChoice = 'any' | 'today' | '24h' | '7d' | '30d' | 'range';

export const OUTCOME_CHOICES: readonly OutcomeChoice[] = [
  'all',
  'errors',
  'success',
  'warning',
  'cancelled',
  'interrupted',
];
export const SINCE_CHOICES: readonly SinceChoice[] = ['any', 'today', '24h', '7d', '30d', 'range'];

export interface NamedChoice {
  id: string;
  name: string;
}

export interface HistoryFilters {
  task: NamedChoice | null;
  service: NamedChoice | null;
  type: string | null;
  outcome: OutcomeChoice;
  /** Who started the runs: a user name or SCHEDULER; null for everyone. */
  by: string | null;
  since: SinceChoice;
  /** With since `range`: the typed ends as times (resolved when applied); null is an open end. */
  from: number | null;
  to: number | null;
}

export const NO_FILTERS: HistoryFilters = {
  task: null,
  service: null,
  type: null,
  outcome: 'all',
  by: null,
  since: 'any',
  from: null,
  to: null,
};

/** The filter panel's fields, in the order Tab visits them. */
export type FilterField = 'service' | 'type' | 'outcome' | 'task' | 'by' | 'since' | 'from' | 'to';
export const FILTER_FIELDS: readonly FilterField[] = [
  'service',
  'type',
  'outcome',
  'task',
  'by',
  'since',
  'from',
  'to',
];
/** Fields typed in rather than picked from a list: a WHEN each (src/engine/when.ts). */
export type TextField = 'from' | 'to';
export const isTextField = (field: FilterField): field is TextField => field === 'from' || field === 'to';

export interface FilterPanel {
  field: FilterField;
  /** What Enter will apply. */
  draft: HistoryFilters;
  /** The from/to as typed. */
  text: Record<TextField, string>;
  /** The typed field Enter found wrong (not a WHEN, or to not after from); the panel stays open. */
  invalid: TextField | null;
}

export interface RunInfo {
  run: RunSummary;
  details: RunDetails | null;
  error: string | null;
  scroll: number;
}

/** The rows on screen, newest first, and where they sit in the whole (filtered) history. */
export interface HistoryPage {
  rows: readonly RunSummary[];
  cursor: number;
  /** The first row is the newest matching run. */
  atTop: boolean;
  /** The last row is the oldest matching run. */
  atEnd: boolean;
  /** The newest run the user has been shown at the top; newer ones are "new runs". */
  newestId: number | null;
  newRuns: number;
}

export const EMPTY_PAGE: HistoryPage = { rows: [], cursor: 0, atTop: true, atEnd: false, newestId: null, newRuns: 0 };

export interface HistoryCatalog {
  services: NamedChoice[];
  types: string[];
  tasks: NamedChoice[];
  /** Who may have started runs: SCHEDULER first, then the config's users. */
  users: string[];
}

export interface HistoryScreenState {
  kind: 'history';
  filters: HistoryFilters;
  /** Grows with every change of the filters: answers to older requests are dropped. */
  generation: number;
  page: HistoryPage;
  /** The first page of this generation has arrived. */
  loaded: boolean;
  /** Matching runs, up to COUNT_BOUND + 1; null while counting. */
  count: number | null;
  error: string | null;
  catalog: HistoryCatalog | null;
  panel: FilterPanel | null;
  info: RunInfo | null;
}

/** `h` on a task opens its history (the task filter shown and removable); `H` everything. */
export function initialHistoryState(task: NamedChoice | null): HistoryScreenState {
  return {
    kind: 'history',
    filters: { ...NO_FILTERS, task },
    generation: 0,
    page: EMPTY_PAGE,
    loaded: false,
    count: null,
    error: null,
    catalog: null,
    panel: null,
    info: null,
  };
}

export const selectedRun = (screen: HistoryScreenState): RunSummary | null =>
  screen.page.rows[screen.page.cursor] ?? null;
