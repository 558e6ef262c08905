// The one screen state of the dashboard (asynq-style: a single owner, fed by background
// fetches and engine events). Changed only through dashboardReducer.
import type { AlertTrouble, LogLine, RunDetails, TaskView } from '../../engine/types.js';
import type { HistoryScreenState } from './history-state.js';
import type { InstancesScreenState } from './instances-state.js';
import type { RunLogCache } from './run-log-cache.js';
import type { Grouping } from './task-groups.js';

export type Screen =
  | { kind: 'help'; scroll: number }
  | {
      kind: 'diagnostics';
      runId: number;
      /** The run's task: the screen closes when a reload hides it from this user. */
      taskId?: string;
      taskName: string;
      scroll: number;
      details: RunDetails | null;
      error: string | null;
    }
  | HistoryScreenState
  | InstancesScreenState;

/** The run the details pane shows, with its progress log. */
export interface ShownRun {
  runId: number;
  /** The log fetched or remembered (run-log-cache.ts); null until it arrives. */
  log: readonly LogLine[] | null;
  /** `log` is the finished run's whole log: nothing to fetch again. */
  final: boolean;
  /** Lines that arrived as events and are not (yet) in `log`. */
  liveLog: LogLine[];
  error: string | null;
}

export interface StatusMessage {
  text: string;
  tone: 'info' | 'error';
}

export interface StopConfirmation {
  kind: 'stop';
  taskId: string;
  taskName: string;
  where: string | null;
}

/** `q` while runs execute here: they will be interrupted and resumed elsewhere. */
export interface QuitConfirmation {
  kind: 'quit';
  runsHere: number;
}

export type Confirmation = StopConfirmation | QuitConfirmation;

export interface DashboardState {
  tasks: readonly TaskView[];
  loaded: boolean;
  grouping: Grouping;
  filter: string;
  filterEditing: boolean;
  selectedTaskId: string | null;
  focus: 'list' | 'details';
  /** Log lines scrolled up from the newest (0 = newest visible). */
  logScroll: number;
  shownRun: ShownRun | null;
  /** Logs of finished runs near the cursor (run-log-cache.ts). */
  runLogs: RunLogCache;
  /** Screens above the dashboard, the top one last. */
  screens: readonly Screen[];
  confirm: Confirmation | null;
  status: StatusMessage | null;
  storageError: string | null;
  /** Alert channels whose delivery fails (docs/alerts.md): a header line. */
  alertTrouble: readonly AlertTrouble[];
}

export const initialDashboardState: DashboardState = {
  tasks: [],
  loaded: false,
  grouping: 'type',
  filter: '',
  filterEditing: false,
  selectedTaskId: null,
  focus: 'list',
  logScroll: 0,
  shownRun: null,
  runLogs: [],
  screens: [],
  confirm: null,
  status: null,
  storageError: null,
  alertTrouble: [],
};

export const topScreen = (state: DashboardState): Screen | null => state.screens[state.screens.length - 1] ?? null;
