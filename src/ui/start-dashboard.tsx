// Starts the dashboard on a terminal: alternate screen, Ink rendering whole frames at a
// capped rate into our output layer (which sends the terminal only what changed, without
// ever blocking), and a close() that the entry point's signal handlers may call at any
// time, any number of times.
import { render } from 'ink';
import type { EngineApi } from '../engine/api.js';
import { App } from './app.js';
import type { Lang } from './i18n/index.js';
import { frameOutput } from './output/frame-output.js';
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

/** Frames per second at most: calm over a slow SSH link, still smooth for a progress bar. */
export const MAX_FPS = 10;

export function startDashboard(engine: EngineApi, options: DashboardOptions): DashboardHandle {
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
  let instance: ReturnType<typeof render>;
  try {
    // Ink renders whole frames into output.stream; the output layer sends the terminal what changed.
    const app = (
      <App
        engine={engine}
        lang={options.lang}
        color={options.color}
        ascii={options.ascii}
        terminal={stdout}
        onRepaint={() => output.repaint()}
      />
    );
    instance = render(app, {
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
  const exited = instance.waitUntilExit().then(restore, (error: unknown) => {
    restore();
    throw error;
  });
  // Handled here too, so a caller that never waits does not get an unhandled rejection.
  exited.catch(() => undefined);
  let closed = false;
  return {
    waitUntilExit: () => exited,
    close() {
      if (closed) return;
      closed = true;
      try {
        instance.unmount();
      } finally {
        restore();
      }
    },
  };
}
