// The dashboard. Without a terminal on both ends (a pipe, `ssh` without -t), or on a
// terminal that cannot draw it (TERM=dumb, an unknown TERM), it prints the status table
// and a hint instead. The locale and the terminal decide its characters, language and
// colours (docs/terminal.md).
import {
  languageFromEnv,
  terminalAbilities,
  wantsAscii,
  wantsColor,
  type Env,
  type TerminalAbilities,
} from '../../ui/terminal-env.js';
import type { ParsedArgs } from '../args.js';
import type { EngineApi } from '../../engine/api.js';
import { LEFT_TO_LEASES, settledWithin } from '../close-deadline.js';
import type { PreviewResult } from '../dashboard-preview.js';
import { startEngineWorker, type EngineWorker } from '../engine-worker.js';
import { previewEngine } from '../preview-engine.js';
import { asciiOnlyOutput } from '../output/ascii-output.js';
import type { ScriptHooks } from '../script-hooks.js';
import { holdYoungGeneration, optimizeOnlyHotCode, preferSmallHeap } from '../small-heap.js';

export interface DashboardLooks {
  lang: 'en' | 'ru';
  color: boolean;
  ascii: boolean;
  /** Said on stderr before the dashboard opens (it stays above the shell prompt after it closes). */
  notice: string | null;
}

/** Language, colour and characters for the dashboard on this terminal. */
export function dashboardLooks(args: ParsedArgs, env: Env, abilities: { colors: number }): DashboardLooks {
  const ascii = wantsAscii(env);
  const lang = args.options.lang ?? languageFromEnv(env);
  // Russian has no ASCII form: under a locale that is not UTF-8 the dashboard speaks English.
  const notice =
    lang === 'ru' && ascii
      ? 'Russian needs a UTF-8 locale (LANG=ru_RU.UTF-8); this locale is not UTF-8, so the dashboard is in English'
      : null;
  return { lang, color: wantsColor(env, args.options.noColor, abilities.colors), ascii, notice };
}

/** Why the dashboard cannot open, with what to do. No abilities: not a terminal on both ends. */
export function dashboardRefusal(abilities: Extract<TerminalAbilities, { screen: false }> | null): string {
  if (!abilities)
    return 'not a terminal, so the dashboard cannot open; this is `syncdeck status`. Over SSH use `ssh -t host syncdeck`.';
  return `${abilities.problem}; this is \`syncdeck status\`. Set TERM to your terminal's type (for example TERM=xterm-256color) for the dashboard.`;
}

/** How long the screen waits for the preview once Ink is loaded, before it draws the starting screen instead. */
const PREVIEW_WAIT_MS = 150;

/** How long a quit while the engine starts waits for it to be ready (and close cleanly) before stopping it. */
const START_GRACE_MS = 2_000;

/** Said when the engine could not record its end in time (EngineWorker.close gave up waiting). */
export const CLOSED_LATE = `the database did not answer while the dashboard closed; ${LEFT_TO_LEASES}`;

function terminalGone(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ENXIO';
}

export async function uiCommand(args: ParsedArgs, hooks?: ScriptHooks): Promise<number> {
  const env = process.env;
  const abilities = process.stdin.isTTY && process.stdout.isTTY ? terminalAbilities(env) : null;
  if (!abilities?.screen) {
    // The table is ASCII under a locale that is not UTF-8, as every command's output is
    // (main.ts filters stderr already).
    if (wantsAscii(env)) asciiOnlyOutput(process.stdout);
    const { statusCommand } = await import('./status.js');
    const code = await statusCommand(args);
    process.stderr.write(`syncdeck: ${dashboardRefusal(abilities)}\n`);
    return code;
  }
  const looks = dashboardLooks(args, env, abilities);
  if (looks.notice) process.stderr.write(`syncdeck: ${looks.notice}\n`);
  // Before the worker and Ink load: both then grow their heaps for a long-lived program.
  preferSmallHeap();
  optimizeOnlyHotCode();
  // The engine runs in a worker thread; the screen (this thread) may block on a terminal
  // that stops reading. It takes a few hundred milliseconds to start (a second Node, the
  // config, the store), so this thread reads the task list itself, read-only
  // (dashboard-preview.ts), and draws the dashboard over it, or the frame's outline if Ink
  // is ready before the list. The worker starts once that first frame is out: a second
  // Node starting beside it took a core from it (20–30 ms of the first frame on two cores),
  // and the engine can wait (docs/ARCHITECTURE.md, Composition root).
  const abortStart = new AbortController();
  let firstFrameOut!: () => void;
  const starting = new Promise<void>((resolve) => (firstFrameOut = resolve)).then(() =>
    startEngineWorker(args, abortStart.signal),
  );
  starting.catch(() => undefined); // awaited below, after the screen is open
  // The preview's engine puts every question but the snapshot to the real one once it is
  // there; never rejects (a failed start closes the dashboard below).
  const ready: Promise<EngineApi> = starting.then(
    (w) => w.engine,
    () => new Promise<never>(() => undefined),
  );
  // Aborted as the dashboard starts to close: an action the preview still holds is dropped.
  const closing = new AbortController();
  const asPreview = (result: PreviewResult) =>
    'preview' in result
      ? { engine: previewEngine(result.preview, ready, closing.signal), tasks: result.preview.tasks }
      : null;
  // Loaded after the worker is started: its modules (the store's, the reader's) must not delay it.
  const previewing = import('../dashboard-preview.js')
    .then(({ readDashboardPreview }) => readDashboardPreview(args))
    .catch((): PreviewResult => ({ none: 'failed' }));
  const { openDashboard } = await import('../../ui/index.js');
  // The preview usually comes within a few tens of milliseconds of Ink: it is then the first
  // frame (the outline would cost a frame, and delay the next by Ink's frame interval). A
  // slower one (a busy disk, a database being recovered) comes after the outline.
  const early = (await settledWithin(previewing, PREVIEW_WAIT_MS)) === 'closed' ? asPreview(await previewing) : null;
  // Ink draws the first frame as it mounts: it is on the terminal now.
  const dashboard = openDashboard({ lang: looks.lang, color: looks.color, ascii: looks.ascii }, early);
  firstFrameOut();
  let worker: EngineWorker | null = null;
  if (!early)
    void previewing.then((result) => {
      const late = asPreview(result);
      if (late && worker === null) dashboard.preview(late.engine, late.tasks);
    });
  let exiting: Promise<void> | null = null;
  const exit = (outcome: 'cancelled' | 'interrupted', why: string) => {
    exiting ??= (async () => {
      closing.abort();
      try {
        dashboard.close();
      } catch {
        // The terminal may be gone already; the runs must still be recorded.
      }
      // Quit while the engine was starting: it gets a moment to be ready and close cleanly;
      // one still starting after that (a server that does not answer) is stopped.
      const grace = setTimeout(() => abortStart.abort(), START_GRACE_MS);
      const started = await starting.catch(() => null);
      clearTimeout(grace);
      if ((await started?.close(outcome, why)) === 'late') process.stderr.write(`syncdeck: ${CLOSED_LATE}\n`);
    })();
    return exiting;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void exit(
      'interrupted',
      signal === 'SIGHUP' ? 'the terminal went away (SIGHUP)' : `syncdeck was stopped (${signal})`,
    ).then(() => process.exit(0));
  };
  const onCrash = (err: unknown) => {
    // A dropped SSH link shows up as EIO on the next write, often before (or instead of) SIGHUP.
    if (terminalGone(err)) {
      void exit('interrupted', 'the terminal went away').finally(() => process.exit(0));
      return;
    }
    const ending = exit('interrupted', 'syncdeck crashed');
    try {
      process.stderr.write(`syncdeck: ${(err as Error)?.stack ?? String(err)}\n`);
    } catch {
      // nowhere left to say it
    }
    void ending.finally(() => process.exit(1));
  };
  const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  const stopListening = () => {
    for (const s of signals) process.off(s, onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
  for (const s of signals) process.on(s, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  // q or Ctrl+C on the starting screen.
  void dashboard.waitUntilExit().then(
    () => {
      if (worker === null) void exit('interrupted', 'syncdeck was closed while its engine started');
    },
    () => undefined,
  );
  try {
    worker = await starting;
  } catch (err) {
    try {
      dashboard.close();
    } catch {
      // the terminal may be gone
    }
    // The user quit meanwhile (or a signal came): that is the end, not the start's failure.
    // (Set in a callback: the compiler cannot see that it may no longer be null here.)
    const quitting = exiting as Promise<void> | null;
    if (quitting) await quitting;
    stopListening();
    if (quitting) return 0;
    // A bad config or an unreachable store: the terminal is restored before the message.
    throw err;
  }
  worker.onCrash(onCrash);
  if (dashboard.show(worker.engine, worker.engine.takeFirstSnapshot())) worker.engine.firstSnapshotShown();
  // The start has run: its code can be cached (before the flags change below).
  void hooks?.saveCodeCache();
  // After the first full frame, whose rendering makes the most garbage of any: held before
  // it, the young generation stays at its first size through it and collects many times.
  holdYoungGeneration();
  try {
    await dashboard.waitUntilExit();
    // Quitting is an interruption, not a stop: the runs resume at once on another instance (the user confirmed).
    await exit('interrupted', `syncdeck was closed by ${worker.engine.identity.osUser}`);
    return 0;
  } finally {
    for (const s of signals) process.off(s, onSignal);
  }
}
