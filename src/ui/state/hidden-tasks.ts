// A reload took tasks out of this user's sight (their roles changed in the config): what
// was open on them closes. A screen opened from a closed one closes with it
// (docs/config.md, "Changing the config of a running fleet").
import type { DashboardState, Screen } from './dashboard-state.js';

function showsHidden(screen: Screen, hidden: ReadonlySet<string>): boolean {
  if (screen.kind === 'diagnostics') {
    const taskId = screen.taskId ?? screen.details?.taskId;
    return taskId !== undefined && hidden.has(taskId);
  }
  if (screen.kind === 'history') return screen.filters.task !== null && hidden.has(screen.filters.task.id);
  return false;
}

export function closeHidden(state: DashboardState, taskIds: readonly string[]): DashboardState {
  if (taskIds.length === 0) return state;
  const hidden = new Set(taskIds);
  const cut = state.screens.findIndex((s) => showsHidden(s, hidden));
  let screens = cut === -1 ? state.screens : state.screens.slice(0, cut);
  // A history of every task stays open; the popup about a run it no longer may show closes.
  screens = screens.map((s) =>
    s.kind === 'history' && s.info && hidden.has(s.info.run.taskId) ? { ...s, info: null } : s,
  );
  const confirm = state.confirm?.kind === 'stop' && hidden.has(state.confirm.taskId) ? null : state.confirm;
  const same = screens.length === state.screens.length && screens.every((s, i) => s === state.screens[i]);
  if (same && confirm === state.confirm) return state;
  return { ...state, screens: same ? state.screens : screens, confirm };
}
