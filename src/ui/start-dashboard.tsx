// Starts the dashboard on a terminal: alternate screen, Ink rendering whole frames at a
// capped rate into our output layer (which sends the terminal only what changed, without
// ever blocking), and a close() that the entry point's signal handlers may call at any
// time, any number of times. openDashboard draws the frame's outline before the engine is
// ready (the starting screen), the dashboard over a preview of the tasks if one comes first,
// and the dashboard over the engine when it is ready (docs/ARCHITECTURE.md, Composition root).
import { render } from 'ink';
import type { ReactElement } from 'react';
import type { EngineApi } from '../engine/api.js';
import type { TaskView } from '../engine/types.js';
import { App } from './app.js';
import type { Lang } from './i18n/index.js';
import { frameOutput } from './output/frame-output.js';
import { StartingScreen } from './screens/starting-screen.js';
import { alternateScreen } from './terminal-screen.js';

export interface DashboardOptions {
  lang: Lang;
  color: boolean;
  ascii: boolean;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Sees every frame Ink draws, before it goes to the terminal (tests compare the terminal with it). */
  onFrame?: (lines: readonly string[]) => void;
}

export interface DashboardHandle {
  /** Resolves when the dashboard has ended (q, Ctrl+C, close()) and the terminal is restored; rejects on a render error, after restoring. */
  waitUntilExit(): Promise<void>;
  /** Unmounts and restores the terminal. Idempotent. */
  close(): void;
}

export interface OpeningDashboard extends DashboardHandle {
  /**
   * Replaces the starting screen with the dashboard over `engine`; `firstTasks` (the engine's
   * first snapshot, if in hand) are in its first frame. False (and nothing drawn) once the user has quit.
   */
  show(engine: EngineApi, firstTasks?: readonly TaskView[] | null): boolean;
  /**
   * The dashboard over `engine` while the real one starts, its header saying so: `tasks` are
   * read from the database (src/cli/dashboard-preview.ts). show() then replaces the engine
   * and the tasks, and keeps what the user did meanwhile (the selection, a filter). False
   * (and nothing drawn) once the user has quit or show() has been called.
   */
  preview(engine: EngineApi, tasks: readonly TaskView[]): boolean;
}

/** Frames per second at most: calm over a slow SSH link, still smooth for a progress bar. */
export const MAX_FPS = 10;

/** What a root element is given: the terminal to measure, Ctrl+L's repaint, and the quit to note. */
interface Mounted {
  terminal: NodeJS.WriteStream;
  onRepaint: () => void;
  onQuit: () => void;
}
type Root = (mounted: Mounted) => ReactElement;

function mount(
  options: DashboardOptions,
  root: Root,
): { handle: DashboardHandle; rerender: (root: Root) => void; ended: () => boolean } {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const screen = alternateScreen(stdout);
  screen.enter();
  const output = frameOutput(stdout, { onFrame: options.onFrame });
  const restore = () => {
    // Leaving first, while writes cannot block: a terminal that stopped reading must not hold the exit.
    screen.leave();
    output.dispose();
  };
  const onRepaint = () => output.repaint();
  // Set before Ink unmounts (its exit promise resolves a tick later): a rerender then would mount again.
  let ended = false;
  const onQuit = () => {
    ended = true;
  };
  const mounted: Mounted = { terminal: stdout, onRepaint, onQuit };
  let instance: ReturnType<typeof render>;
  try {
    // Ink renders whole frames into output.stream; the output layer sends the terminal what changed.
    instance = render(root(mounted), {
      stdout: output.stream,
      stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      incrementalRendering: false,
      maxFps: MAX_FPS,
    });
  } catch (error) {
    restore();
    throw error;
  }
  // Ask for the exit promise now: Ink only resolves a promise that exists when it unmounts.
  const exited = instance.waitUntilExit().then(
    () => {
      ended = true;
      restore();
    },
    (error: unknown) => {
      ended = true;
      restore();
      throw error;
    },
  );
  // Handled here too, so a caller that never waits does not get an unhandled rejection.
  exited.catch(() => undefined);
  let closed = false;
  return {
    handle: {
      waitUntilExit: () => exited,
      close() {
        if (closed) return;
        closed = true;
        ended = true;
        try {
          instance.unmount();
        } finally {
          restore();
        }
      },
    },
    rerender: (next) => instance.rerender(next(mounted)),
    ended: () => ended,
  };
}

function app(
  engine: EngineApi,
  options: DashboardOptions,
  firstTasks: readonly TaskView[] | null,
  starting = false,
): Root {
  return ({ terminal, onRepaint, onQuit }) => (
    <App
      engine={engine}
      lang={options.lang}
      color={options.color}
      ascii={options.ascii}
      terminal={terminal}
      onRepaint={onRepaint}
      firstTasks={firstTasks}
      starting={starting}
      onQuit={onQuit}
    />
  );
}

/** The dashboard over an engine that is ready. */
export function startDashboard(engine: EngineApi, options: DashboardOptions): DashboardHandle {
  return mount(options, app(engine, options, null)).handle;
}

/**
 * The starting screen now (or the dashboard over `preview`, when its tasks are in hand
 * already); the dashboard over the engine when show() is given it.
 */
export function openDashboard(
  options: DashboardOptions,
  preview: { engine: EngineApi; tasks: readonly TaskView[] } | null = null,
): OpeningDashboard {
  const opened = mount(
    options,
    preview
      ? app(preview.engine, options, preview.tasks, true)
      : ({ terminal, onQuit }) => (
          <StartingScreen
            lang={options.lang}
            color={options.color}
            ascii={options.ascii}
            terminal={terminal}
            onQuit={onQuit}
          />
        ),
  );
  let shown = false;
  return {
    ...opened.handle,
    show(engine, firstTasks) {
      if (opened.ended()) return false;
      shown = true;
      opened.rerender(app(engine, options, firstTasks ?? null));
      return true;
    },
    preview(engine, tasks) {
      if (opened.ended() || shown) return false;
      opened.rerender(app(engine, options, tasks, true));
      return true;
    },
  };
}
