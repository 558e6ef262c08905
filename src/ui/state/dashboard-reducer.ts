// Every change to the dashboard's state, as a pure function (tested without a terminal).
import type { AlertTrouble, LogLine, RunDetails, TaskView } from '../../engine/types.js';
import type { Confirmation, DashboardState, Screen, StatusMessage } from './dashboard-state.js';
import { closeHidden } from './hidden-tasks.js';
import { historyReducer, isHistoryAction, type HistoryAction } from './history-reducer.js';
import { instancesReducer, isInstancesAction, type InstancesAction } from './instances-reducer.js';
import { appendLive, unseenLines } from './run-log.js';
import { cachedLog, hasFinalLog, rememberLogs, type CachedLog } from './run-log-cache.js';
import { eraseLast, typeInto } from './text-input.js';
import { applyProgress, reuseUnchanged } from './task-snapshot.js';

export type DashboardAction =
  | { type: 'snapshot'; tasks: readonly TaskView[] }
  | { type: 'snapshot-failed'; message: string }
  | { type: 'progress'; taskId: string; runId: number; done: number; total: number | null }
  | { type: 'log-line'; runId: number; line: LogLine }
  | { type: 'storage'; error: string | null }
  | { type: 'alert-trouble'; trouble: readonly AlertTrouble[] }
  | { type: 'select'; taskId: string }
  | { type: 'toggle-grouping' }
  | { type: 'filter-start' }
  | { type: 'filter-type'; input: string }
  | { type: 'filter-erase' }
  | { type: 'filter-done' }
  | { type: 'filter-clear' }
  | { type: 'toggle-focus' }
  | { type: 'log-scroll'; value: number }
  | { type: 'show-run'; runId: number | null }
  | { type: 'run-details'; runId: number; details: RunDetails }
  | { type: 'run-details-failed'; runId: number; message: string }
  /** Logs of finished runs fetched ahead of the cursor (hooks/use-prefetched-logs.ts). */
  | { type: 'run-logs'; logs: readonly CachedLog[] }
  | { type: 'open'; screen: Screen }
  | { type: 'back' }
  | { type: 'screen-scroll'; value: number }
  | { type: 'diagnostics'; runId: number; details: RunDetails }
  | { type: 'diagnostics-failed'; runId: number; message: string }
  | { type: 'confirm'; request: Confirmation }
  | { type: 'confirm-close' }
  | { type: 'status'; message: StatusMessage | null }
  /** A reload took these tasks out of this user's sight: what is open on them closes. */
  | { type: 'tasks-hidden'; taskIds: readonly string[] }
  /** Several actions as one state change (one render): what the engine said within one frame. */
  | { type: 'batch'; actions: readonly DashboardAction[] }
  | HistoryAction
  | InstancesAction;

function replaceTop(state: DashboardState, update: (screen: Screen) => Screen): DashboardState {
  const top = state.screens[state.screens.length - 1];
  if (!top) return state;
  const next = update(top);
  return next === top ? state : { ...state, screens: [...state.screens.slice(0, -1), next] };
}

function updateDiagnostics(
  state: DashboardState,
  runId: number,
  patch: Partial<Extract<Screen, { kind: 'diagnostics' }>>,
) {
  return {
    ...state,
    screens: state.screens.map((s) => (s.kind === 'diagnostics' && s.runId === runId ? { ...s, ...patch } : s)),
  };
}

/** History actions go to the history screen in the stack, on top or under a screen opened from it. */
function updateHistory(state: DashboardState, action: HistoryAction): DashboardState {
  const at = state.screens.findLastIndex((s) => s.kind === 'history');
  const screen = state.screens[at];
  if (!screen || screen.kind !== 'history') return state;
  const next = historyReducer(screen, action);
  return next === screen ? state : { ...state, screens: state.screens.map((s, i) => (i === at ? next : s)) };
}

/** Instances actions go to the Instances screen in the stack (on top, or under the help opened from it). */
function updateInstances(state: DashboardState, action: InstancesAction): DashboardState {
  const at = state.screens.findLastIndex((s) => s.kind === 'instances');
  const screen = state.screens[at];
  if (!screen || screen.kind !== 'instances') return state;
  const next = instancesReducer(screen, action);
  return next === screen ? state : { ...state, screens: state.screens.map((s, i) => (i === at ? next : s)) };
}

/** The details pane on another run: its log at once when the cache has it. */
function showRun(state: DashboardState, runId: number | null): DashboardState {
  if ((state.shownRun?.runId ?? null) === runId) return state;
  const log = runId === null ? null : cachedLog(state.runLogs, runId);
  const shownRun = runId === null ? null : { runId, log, final: log !== null, liveLog: [], error: null };
  return { ...state, shownRun, logScroll: 0 };
}

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  if (isHistoryAction(action)) return updateHistory(state, action);
  if (isInstancesAction(action)) return updateInstances(state, action);
  switch (action.type) {
    case 'batch':
      return action.actions.reduce(dashboardReducer, state);
    case 'snapshot': {
      const tasks = reuseUnchanged(state.tasks, action.tasks);
      if (tasks === state.tasks && state.loaded) return state;
      return { ...state, tasks, loaded: true };
    }
    case 'snapshot-failed':
      return { ...state, loaded: true, status: { text: action.message, tone: 'error' } };
    case 'progress': {
      const tasks = applyProgress(state.tasks, action);
      return tasks === state.tasks ? state : { ...state, tasks };
    }
    case 'log-line': {
      const shown = state.shownRun;
      // A finished run's whole log is in hand: a line of it that comes late (events wait for
      // the frame's end) is there already.
      if (!shown || shown.runId !== action.runId || shown.final) return state;
      return { ...state, shownRun: { ...shown, liveLog: appendLive(shown.liveLog, action.line) } };
    }
    case 'storage':
      return state.storageError === action.error ? state : { ...state, storageError: action.error };
    case 'alert-trouble':
      // The same trouble again changes nothing: no re-render, no output.
      return JSON.stringify(state.alertTrouble) === JSON.stringify(action.trouble)
        ? state
        : { ...state, alertTrouble: action.trouble };
    case 'select': {
      if (state.selectedTaskId === action.taskId) return state;
      // The new task's run in the same state change: one frame with the cursor and its details.
      const task = state.tasks.find((t) => t.id === action.taskId);
      const shown = task ? showRun(state, task.lastRun?.id ?? null) : state;
      return { ...shown, selectedTaskId: action.taskId, logScroll: 0 };
    }
    case 'toggle-grouping':
      return { ...state, grouping: state.grouping === 'type' ? 'service' : 'type' };
    case 'filter-start':
      return { ...state, filterEditing: true, focus: 'list' };
    case 'filter-type':
      return { ...state, filter: typeInto(state.filter, action.input) };
    case 'filter-erase':
      return { ...state, filter: eraseLast(state.filter) };
    case 'filter-done':
      return { ...state, filterEditing: false };
    case 'filter-clear':
      return { ...state, filter: '', filterEditing: false };
    case 'toggle-focus':
      return { ...state, focus: state.focus === 'list' ? 'details' : 'list' };
    case 'log-scroll':
      return state.logScroll === action.value ? state : { ...state, logScroll: action.value };
    case 'show-run':
      return showRun(state, action.runId);
    case 'run-details': {
      const shown = state.shownRun;
      if (!shown || shown.runId !== action.runId) return state;
      const { log } = action.details;
      const final = hasFinalLog(action.details);
      const liveLog = unseenLines(log, shown.liveLog);
      const runLogs = final ? rememberLogs(state.runLogs, [{ runId: action.runId, log }]) : state.runLogs;
      return { ...state, runLogs, shownRun: { ...shown, log, final, liveLog, error: null } };
    }
    case 'run-logs': {
      const fresh = action.logs.filter((l) => cachedLog(state.runLogs, l.runId) === null);
      return fresh.length === 0 ? state : { ...state, runLogs: rememberLogs(state.runLogs, fresh) };
    }
    case 'run-details-failed': {
      const shown = state.shownRun;
      if (!shown || shown.runId !== action.runId) return state;
      return { ...state, shownRun: { ...shown, error: action.message } };
    }
    case 'open':
      return { ...state, screens: [...state.screens, action.screen], confirm: null, filterEditing: false };
    case 'back':
      return state.screens.length === 0 ? state : { ...state, screens: state.screens.slice(0, -1) };
    case 'screen-scroll':
      return replaceTop(state, (s) =>
        'scroll' in s && s.scroll !== action.value ? { ...s, scroll: action.value } : s,
      );
    case 'diagnostics':
      return updateDiagnostics(state, action.runId, { details: action.details, error: null });
    case 'diagnostics-failed':
      return updateDiagnostics(state, action.runId, { error: action.message });
    case 'confirm':
      return { ...state, confirm: action.request };
    case 'confirm-close':
      return state.confirm ? { ...state, confirm: null } : state;
    case 'status':
      return state.status === action.message ? state : { ...state, status: action.message };
    case 'tasks-hidden':
      return closeHidden(state, action.taskIds);
  }
}
