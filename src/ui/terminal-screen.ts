// The alternate screen: entered before the first frame, left (with the cursor shown again)
// exactly once, whichever way the dashboard ends (q, Ctrl+C, a signal, an uncaught error,
// process exit).

export const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H';
export const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';

export interface AlternateScreen {
  enter(): void;
  /** Idempotent; safe on a stream that has already closed. */
  leave(): void;
}

const writable = (stream: NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean }) =>
  !stream.destroyed && !stream.writableEnded;

export function alternateScreen(stdout: NodeJS.WriteStream): AlternateScreen {
  let entered = false;
  let left = false;
  const onExit = () => leave();
  function leave() {
    if (!entered || left) return;
    left = true;
    process.off('exit', onExit);
    if (!writable(stdout)) return;
    try {
      stdout.write(LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR);
    } catch {
      // The terminal went away (SSH link dropped): nothing left to restore.
    }
  }
  return {
    enter() {
      if (entered) return;
      entered = true;
      process.on('exit', onExit);
      stdout.write(ENTER_ALTERNATE_SCREEN);
    },
    leave,
  };
}
