// Which screen is on top of the stack.
import type { Dispatch } from 'react';
import type { FeedTiming } from '../hooks/use-engine-feed.js';
import type { Frame } from '../layout.js';
import type { OfferContext } from '../refusals.js';
import type { DashboardAction } from '../state/dashboard-reducer.js';
import { topScreen, type DashboardState } from '../state/dashboard-state.js';
import type { TaskListView } from '../state/list-lines.js';
import { DashboardScreen } from './dashboard-screen.js';
import { DiagnosticsScreen } from './diagnostics-screen.js';
import { HelpScreen } from './help-screen.js';
import { HistoryScreen } from './history-screen.js';
import { InstancesScreen } from './instances-screen.js';

export interface ScreenRouterProps {
  state: DashboardState;
  dispatch: Dispatch<DashboardAction>;
  view: TaskListView;
  offer: OfferContext;
  frame: Frame;
  timing: FeedTiming;
  onQuit: () => void;
}

export function ScreenRouter({ state, dispatch, view, offer, frame, timing, onQuit }: ScreenRouterProps) {
  const top = topScreen(state);
  switch (top?.kind) {
    case undefined:
      return (
        <DashboardScreen state={state} dispatch={dispatch} view={view} offer={offer} frame={frame} onQuit={onQuit} />
      );
    case 'help':
      return <HelpScreen scroll={top.scroll} frame={frame} dispatch={dispatch} />;
    case 'diagnostics':
      return <DiagnosticsScreen key={top.runId} screen={top} frame={frame} dispatch={dispatch} />;
    case 'history':
      return <HistoryScreen screen={top} frame={frame} dispatch={dispatch} timing={timing} />;
    case 'instances':
      return <InstancesScreen screen={top} tasks={state.tasks} frame={frame} dispatch={dispatch} />;
  }
}
