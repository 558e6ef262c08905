// The dashboard application: one state owner (the reducer), fed by the engine; the header,
// the screen on top of the stack, the status line and the key line.
import { Box, useApp } from 'ink';
import { useCallback, useMemo, useReducer, useState } from 'react';
import type { EngineApi } from '../engine/api.js';
import type { TaskView } from '../engine/types.js';
import { oneLine } from '../engine/text/sanitize.js';
import { ConfirmDialog } from './components/confirm-dialog.js';
import { Header, headerLineCount } from './components/header.js';
import { useClockSkew } from './hooks/use-clock-skew.js';
import { useConfigStatus } from './hooks/use-config-status.js';
import { KeyBar } from './components/key-bar.js';
import { SmallTerminal } from './components/small-terminal.js';
import { StatusLine } from './components/status-line.js';
import { ClockProvider, createTicker, useClock, type Clock } from './hooks/clock.js';
import { KeyDispatcher, PRIORITY, useDroppedKeys, useKeyHandler, useSettlingDispatch } from './hooks/key-dispatcher.js';
import { useBinding } from './hooks/use-bindings.js';
import { DEFAULT_FEED_TIMING, useEngineFeed, type FeedTiming } from './hooks/use-engine-feed.js';
import { usePrefetchedLogs } from './hooks/use-prefetched-logs.js';
import { useShownRun } from './hooks/use-shown-run.js';
import { useStatusExpiry } from './hooks/use-status-expiry.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { catalogue, type Lang } from './i18n/index.js';
import { findBinding } from './keymap.js';
import { bodyFrame, frameOf, isTooSmall } from './layout.js';
import type { OfferContext } from './refusals.js';
import { keyContextOf, offerOf } from './screens/screen-keys.js';
import { ScreenRouter } from './screens/screen-router.js';
import { dashboardReducer } from './state/dashboard-reducer.js';
import { initialDashboardState, type DashboardState } from './state/dashboard-state.js';
import { buildTaskList } from './state/list-lines.js';
import { isFailing } from './state/task-groups.js';
import { createTheme } from './theme.js';
import { UiProvider, useUi } from './ui-context.js';

export interface AppProps {
  engine: EngineApi;
  lang: Lang;
  color: boolean;
  ascii: boolean;
  /** Tests pass a fixed clock; the default ticks once a second. */
  clock?: Clock;
  timing?: FeedTiming;
  /** The terminal to measure; by default Ink's stdout. */
  terminal?: NodeJS.WriteStream;
  /** Redraws the whole screen (Ctrl+L); given by startDashboard. */
  onRepaint?: () => void;
  /**
   * Tasks already in hand (the engine's first snapshot): the first frame shows them, with no
   * fetch first. New ones given later (with a new engine) replace the list at once.
   */
  firstTasks?: readonly TaskView[] | null;
  /** The engine is still starting (the dashboard's preview): the header says so. */
  starting?: boolean;
  /** Told before the dashboard ends on q (confirmed if need be) or Ctrl+C. */
  onQuit?: () => void;
}

export function App(props: AppProps) {
  const { engine, lang, color, ascii, clock, timing, terminal, onRepaint, firstTasks, starting, onQuit } = props;
  const ui = useMemo(
    () => ({ engine, t: catalogue(lang, ascii), theme: createTheme({ color, ascii }), starting }),
    [engine, lang, color, ascii, starting],
  );
  const ticker = useMemo(() => clock ?? createTicker(), [clock]);
  return (
    <UiProvider value={ui}>
      <ClockProvider clock={ticker}>
        <KeyDispatcher>
          <Dashboard
            timing={timing ?? DEFAULT_FEED_TIMING}
            terminal={terminal}
            onRepaint={onRepaint}
            firstTasks={firstTasks ?? null}
            onQuit={onQuit}
          />
        </KeyDispatcher>
      </ClockProvider>
    </UiProvider>
  );
}

interface DashboardProps {
  timing: FeedTiming;
  terminal: NodeJS.WriteStream | undefined;
  onRepaint: (() => void) | undefined;
  firstTasks: readonly TaskView[] | null;
  onQuit: (() => void) | undefined;
}

const stateWith = (tasks: readonly TaskView[] | null): DashboardState =>
  tasks ? dashboardReducer(initialDashboardState, { type: 'snapshot', tasks }) : initialDashboardState;

function Dashboard({ timing, terminal, onRepaint, firstTasks, onQuit }: DashboardProps) {
  const { engine, t } = useUi();
  const { exit } = useApp();
  const quit = useCallback(() => {
    onQuit?.();
    exit();
  }, [exit, onQuit]);
  const [state, applyAction] = useReducer(dashboardReducer, firstTasks, stateWith);
  // New first tasks (the engine's, after the preview's): applied in this render, so the
  // frame that shows the new engine shows its tasks too (React's "state from props" pattern).
  const [firstSeen, setFirstSeen] = useState(firstTasks);
  if (firstTasks !== firstSeen) {
    setFirstSeen(firstTasks);
    if (firstTasks) applyAction({ type: 'snapshot', tasks: firstTasks });
  }
  const dispatch = useSettlingDispatch(dashboardReducer, state, applyAction);
  // Keys typed for a page that did not come are dropped, never applied to the page shown: say so.
  useDroppedKeys((n) => dispatch({ type: 'status', message: { text: t.feedback.keysDropped(n), tone: 'info' } }));
  const config = useConfigStatus(engine, dispatch);
  const clock = useClock();
  useEngineFeed(engine, dispatch, timing, config.onConfigEvent, firstTasks !== null, () => clock.tickNow?.());
  useStatusExpiry(state.status, dispatch);
  const clockSkewMs = useClockSkew(engine);
  const configStatus = config.status;
  const { alertTrouble } = state;

  const typeLabel = useCallback((type: string) => t.taskType[type] ?? oneLine(type), [t]);
  const view = useMemo(
    () =>
      buildTaskList(state.tasks, {
        grouping: state.grouping,
        filter: state.filter,
        selectedId: state.selectedTaskId,
        typeLabel,
      }),
    [state.tasks, state.grouping, state.filter, state.selectedTaskId, typeLabel],
  );
  const run = view.selected?.lastRun ?? null;
  useShownRun(engine, run, state.shownRun?.runId === run?.id && state.shownRun?.final === true, dispatch);
  usePrefetchedLogs(engine, view, state.runLogs, dispatch);
  const offer: OfferContext = useMemo(
    () => ({ task: view.selected, run, filter: state.filter }),
    [view.selected, run, state.filter],
  );

  useKeyHandler((press) => {
    const action = findBinding('global', press)?.action;
    if (action === 'force-quit') quit();
    else if (action === 'repaint') onRepaint?.();
    else return false;
    return true;
  }, PRIORITY.global);

  const size = useTerminalSize(terminal);
  const tooSmall = isTooSmall(size);
  // While the terminal is too small only quitting works; the state is kept for when it grows.
  useBinding('dashboard', 'quit', quit, offer, { active: tooSmall });
  if (tooSmall) return <SmallTerminal size={size} />;

  const frame = frameOf(size);
  const body = bodyFrame(frame, headerLineCount(engine, state.storageError, clockSkewMs, alertTrouble, configStatus));
  const context = keyContextOf(state);
  return (
    <Box flexDirection="column" width={frame.width} height={frame.height} overflow="hidden">
      <Header
        failing={state.tasks.filter(isFailing).length}
        width={frame.width}
        storageError={state.storageError}
        clockSkewMs={clockSkewMs}
        alertTrouble={alertTrouble}
        config={configStatus}
      />
      <Box height={body.height} flexDirection="column" overflow="hidden">
        <ScreenRouter
          state={state}
          dispatch={dispatch}
          view={view}
          offer={offer}
          frame={body}
          timing={timing}
          onQuit={quit}
        />
      </Box>
      {state.confirm ? (
        <ConfirmDialog
          question={
            state.confirm.kind === 'quit'
              ? t.confirm.quit(state.confirm.runsHere)
              : t.confirm.stop(state.confirm.taskName, state.confirm.where)
          }
          width={frame.width}
        />
      ) : (
        <StatusLine
          message={state.status}
          hint={state.filterEditing ? t.feedback.filterHint : null}
          width={frame.width}
        />
      )}
      <KeyBar context={context} offer={offerOf(state, offer)} width={frame.width} />
    </Box>
  );
}
