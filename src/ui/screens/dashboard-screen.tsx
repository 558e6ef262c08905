// The main screen: the task list and the selected task's run details, side by side from
// 120 columns (the list as wide as its columns need), one above the other below that.
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { oneLine } from '../../engine/text/sanitize.js';
import { useConfirmInput } from '../components/confirm-dialog.js';
import { useFilterInput } from '../components/filter-input.js';
import { logHeightOf, RunDetailsPane } from '../components/run-details-pane.js';
import { logWindow, maxLogScroll, runLogEntries } from '../components/run-log-lines.js';
import { summaryRoom } from '../components/run-summary-rows.js';
import { TASK_LIST_CHROME, TaskList } from '../components/task-list.js';
import { taskTableWidth } from '../components/task-columns.js';
import { wantedCells } from '../components/task-widths.js';
import { stopTask } from '../engine-actions.js';
import { useClock } from '../hooks/clock.js';
import { useBindings } from '../hooks/use-bindings.js';
import { useDashboardActions } from '../hooks/use-dashboard-actions.js';
import { dashboardLayout } from '../layout.js';
import type { OfferContext } from '../refusals.js';
import type { DashboardState } from '../state/dashboard-state.js';
import type { TaskListView } from '../state/list-lines.js';
import { useUi } from '../ui-context.js';
import type { ScreenProps } from './screen-props.js';

export interface DashboardScreenProps extends ScreenProps {
  state: DashboardState;
  view: TaskListView;
  offer: OfferContext;
  onQuit: () => void;
}

const Separator = memo(function Separator({ height }: { height: number }) {
  const { theme } = useUi();
  return (
    <Box width={2} height={height} flexDirection="column">
      <Text color={theme.fg('muted')}>{Array.from({ length: height }, () => theme.glyphs.separator).join('\n')}</Text>
    </Box>
  );
});

export function DashboardScreen({ state, dispatch, view, offer, frame, onQuit }: DashboardScreenProps) {
  const { engine, t, theme, starting } = useUi();
  const clock = useClock();
  // Measured on the day's clock: dates in the last-run column change width only when the day does.
  const day = new Date(clock.now()).toDateString();
  const wanted = useMemo(
    () => wantedCells(view.order, t, theme.glyphs, clock.now()),
    [view.order, t, theme, clock, day],
  );
  const layout = dashboardLayout(frame, [
    taskTableWidth(t.columns, wanted),
    taskTableWidth(t.columns, { ...wanted, recent: false }),
  ]);
  const task = view.selected;
  const run = task?.lastRun ?? null;
  const shown = state.shownRun && run && state.shownRun.runId === run.id ? state.shownRun : null;

  // A purged run's log is gone, even if the cache still has it.
  const purged = run?.detailsPurged ?? false;
  const logEntries = useMemo(() => {
    const log = purged ? [] : [...(shown?.log ?? []), ...(shown?.liveLog ?? [])];
    return runLogEntries(log, layout.details.width, t.time, theme.glyphs, clock.now());
  }, [shown, purged, layout.details.width, t, theme, clock]);
  const room = useMemo(() => summaryRoom(view.order, layout.details.height), [view.order, layout.details.height]);
  const logHeight = logHeightOf(layout.details, task, run, room);
  const logMaxScroll = maxLogScroll(logEntries, logHeight);
  const logScroll = Math.min(state.logScroll, logMaxScroll);

  const say = (message: DashboardState['status']) => dispatch({ type: 'status', message });
  const handlers = useDashboardActions({
    state,
    dispatch,
    view,
    listRows: Math.max(1, layout.list.height - TASK_LIST_CHROME),
    log: { maxScroll: logMaxScroll, page: Math.max(1, logWindow(logEntries, logScroll, logHeight).entries - 1) },
    onQuit,
  });
  useBindings('dashboard', offer, handlers, {
    active: !state.confirm,
    onRefused: (refusal) => {
      const text = t.refusal(refusal);
      if (text) say({ text, tone: 'error' });
    },
  });
  useFilterInput(state.filterEditing && !state.confirm, {
    onType: (input) => dispatch({ type: 'filter-type', input }),
    onErase: () => dispatch({ type: 'filter-erase' }),
    onDone: () => dispatch({ type: 'filter-done' }),
    onClear: () => dispatch({ type: 'filter-clear' }),
  });
  useConfirmInput(state.confirm !== null, (yes) => {
    const request = state.confirm;
    dispatch({ type: 'confirm-close' });
    if (!yes || !request) return;
    if (request.kind === 'quit') onQuit();
    else void stopTask(engine, request, t, say, starting);
  });

  const emptyText = !engine.identity.known
    ? t.header.unknownUser(oneLine(engine.identity.user))
    : state.filter
      ? t.list.noMatch(state.filter)
      : t.list.empty;
  const list = (
    <TaskList
      view={view}
      wanted={wanted}
      frame={layout.list}
      focused={state.focus === 'list'}
      grouping={state.grouping}
      filter={state.filter}
      filterEditing={state.filterEditing}
      loaded={state.loaded}
      emptyText={emptyText}
    />
  );
  const details = (
    <RunDetailsPane
      task={task}
      run={run}
      shown={shown}
      logEntries={logEntries}
      logScroll={logScroll}
      frame={layout.details}
      focused={state.focus === 'details'}
      summaryRoom={room}
    />
  );
  return layout.mode === 'side' ? (
    <Box flexDirection="row" height={frame.height}>
      {list}
      <Separator height={frame.height} />
      {details}
    </Box>
  ) : (
    <Box flexDirection="column" height={frame.height}>
      {list}
      {details}
    </Box>
  );
}
