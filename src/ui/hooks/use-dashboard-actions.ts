// What each dashboard action does: the handlers the keymap's dashboard bindings call.
import type { Dispatch } from 'react';
import { oneLine } from '../../engine/text/sanitize.js';
import { runTask, togglePause } from '../engine-actions.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import type { DashboardState } from '../state/dashboard-state.js';
import { initialHistoryState } from '../state/history-state.js';
import { initialInstancesState } from '../state/instances-state.js';
import type { TaskListView } from '../state/list-lines.js';
import { clamp, moveIndex, type Movement } from '../state/scroll.js';
import { useUi } from '../ui-context.js';
import type { ActionHandlers } from './use-bindings.js';

export interface DashboardActionInput {
  state: DashboardState;
  dispatch: Dispatch<DashboardAction>;
  view: TaskListView;
  /** Task rows visible in the list (a page). */
  listRows: number;
  /** The progress log scrolls by whole entries: how far it can, and a page of entries. */
  log: { maxScroll: number; page: number };
  onQuit: () => void;
}

export function useDashboardActions({
  state,
  dispatch,
  view,
  listRows,
  log,
  onQuit,
}: DashboardActionInput): ActionHandlers<'dashboard'> {
  const { engine, t, starting } = useUi();
  const task = view.selected;
  const say = (message: DashboardState['status']) => dispatch({ type: 'status', message });

  const move = (movement: Movement) => {
    if (state.focus === 'list') {
      const next = view.order[moveIndex(view.selectedIndex, movement, view.order.length, listRows)];
      if (next) dispatch({ type: 'select', taskId: next.id });
      return;
    }
    // The log is scrolled from its newest entry: "up" shows an older entry.
    const { maxScroll: max, page } = log;
    const s = clamp(state.logScroll, 0, max);
    const target = { up: s + 1, down: s - 1, 'page-up': s + page, 'page-down': s - page, first: max, last: 0 }[
      movement
    ];
    dispatch({ type: 'log-scroll', value: clamp(target, 0, max) });
  };

  return {
    'move-up': () => move('up'),
    'move-down': () => move('down'),
    'page-up': () => move('page-up'),
    'page-down': () => move('page-down'),
    first: () => move('first'),
    last: () => move('last'),
    'switch-pane': () => dispatch({ type: 'toggle-focus' }),
    run: () => {
      if (task) void runTask(engine, task, t, say, starting);
    },
    stop: () => {
      if (!task) return;
      const where = task.repeat ? oneLine(task.runningOnLabel ?? task.runningOn ?? '') || null : null;
      dispatch({ type: 'confirm', request: { kind: 'stop', taskId: task.id, taskName: oneLine(task.name), where } });
    },
    pause: () => {
      if (task) void togglePause(engine, task, t, say, starting);
    },
    grouping: () => dispatch({ type: 'toggle-grouping' }),
    filter: () => dispatch({ type: 'filter-start' }),
    'task-history': () => {
      if (task) dispatch({ type: 'open', screen: initialHistoryState({ id: task.id, name: oneLine(task.name) }) });
    },
    'all-history': () => dispatch({ type: 'open', screen: initialHistoryState(null) }),
    instances: () => dispatch({ type: 'open', screen: initialInstancesState() }),
    'running-instance': () => {
      if (task?.runningOn)
        dispatch({
          type: 'open',
          screen: initialInstancesState({ id: task.runningOn, label: task.runningOnLabel ?? task.runningOn }),
        });
    },
    diagnostics: () => {
      const run = task?.lastRun;
      if (task && run) {
        dispatch({
          type: 'open',
          screen: {
            kind: 'diagnostics',
            runId: run.id,
            taskId: task.id,
            taskName: oneLine(task.name),
            scroll: 0,
            details: null,
            error: null,
          },
        });
      }
    },
    help: () => dispatch({ type: 'open', screen: { kind: 'help', scroll: 0 } }),
    'clear-filter': () => dispatch({ type: 'filter-clear' }),
    quit: () => {
      // Runs executing here end when this dashboard does: ask first (Ctrl+C and signals do not).
      const runsHere = state.tasks.filter((x) => x.runningOn === engine.instance.id).length;
      if (runsHere > 0) dispatch({ type: 'confirm', request: { kind: 'quit', runsHere } });
      else onQuit();
    },
  };
}
