// The real dashboard (the built bundle) in a 120×40 pseudo-terminal, as over `ssh -t`.
import { BIN } from './context.js';
import { interactiveEnv, PtySession } from './pty.js';
import type { Screen } from './screen.js';
import { sleep } from './timing.js';

export const COLS = 120;
export const ROWS = 40;

/**
 * A frame is complete when the key line (the frame's last line) offers "quit" and the
 * task list is no longer loading. Override the key-line text with BENCH_FRAME_MARKER.
 */
const MARKER = process.env.BENCH_FRAME_MARKER ?? 'quit';
const LOADING = 'Loading tasks';

export function isCompleteFrame(s: Screen): boolean {
  const lines = s.lines();
  let last = lines.length - 1;
  while (last >= 0 && lines[last] === '') last--;
  if (last < 0 || !lines[last]!.includes(MARKER)) return false;
  return !lines.some((l) => l.includes(LOADING));
}

/** The engine's frame: the header names the dashboard's own instance (the preview's does not). */
export const ENGINE_FRAME = /· instance \S+/;

/** Time from the session's start to the engine's frame (after its first frame, which may be the preview's). */
export async function engineFrameMs(session: PtySession, timeoutMs = 20_000): Promise<number> {
  const at = await session.waitForScreen((s) => ENGINE_FRAME.test(s.text()), timeoutMs, "the engine's frame");
  return at - (session.startedAt ?? session.spawnedAt);
}

/** `config` null: the bundled demo (its simulated services included). */
export function startDashboard(db: string, config: string | null, cwd: string): PtySession {
  const argv = [process.execPath, BIN, '--db', db, ...(config === null ? [] : ['--config', config])];
  return new PtySession(argv, { cols: COLS, rows: ROWS, cwd, env: interactiveEnv() });
}

export type FirstFrame =
  | { kind: 'frame'; ms: number; session: PtySession }
  /** The process ended without drawing a frame (the dashboard is still a placeholder). */
  | { kind: 'exited'; ms: number; code: number | null; output: string; session: PtySession };

/** Starts the dashboard and waits for its first complete frame, or for it to end without one. */
export async function firstFrame(
  db: string,
  config: string | null,
  cwd: string,
  timeoutMs = 20_000,
): Promise<FirstFrame> {
  const session = startDashboard(db, config, cwd);
  const frame = session.waitForScreen(isCompleteFrame, timeoutMs, 'the first complete frame').then(
    (at) => ({ at }),
    () => null,
  );
  const result = await Promise.race([frame, session.exited.then(() => 'exited' as const)]);
  if (result !== 'exited' && result !== null) {
    return { kind: 'frame', ms: result.at - (session.startedAt ?? session.spawnedAt), session };
  }
  const code = await Promise.race([session.exited, sleep(timeoutMs).then(() => null)]);
  if (session.exitedAt === null) {
    await session.stop(null, 1_000);
    throw new Error(`the dashboard drew no complete frame within ${timeoutMs} ms; screen:\n${session.screen.text()}`);
  }
  return {
    kind: 'exited',
    ms: session.exitedAt - (session.startedAt ?? session.spawnedAt),
    code,
    output: session.screen.text().trim(),
    session,
  };
}
