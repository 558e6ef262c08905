// Writes to the terminal that never block the process. Node makes a TTY's writes blocking
// (tty.WriteStream calls setBlocking(true)): an SSH client that stops reading would then
// stop the event loop, and with it the engine's runs, heartbeats and leases. Here the
// terminal's fd is non-blocking while the dashboard runs, and at most one update is on its
// way at a time; the caller keeps what could not be sent and sends the latest state when
// the terminal has taken the rest (docs/ARCHITECTURE.md, Terminal output over SSH).
//
// libuv reopens a terminal's device for the process (its own open file description), so the
// flag would not reach the shell anyway; it is restored on every way out regardless, for the
// terminals libuv cannot reopen.

interface StreamHandle {
  setBlocking?: (blocking: boolean) => unknown;
}

export interface TerminalWriter {
  /** True while an earlier write has not reached the terminal: write nothing now. */
  readonly busy: boolean;
  /** Writes `data` (the caller checks `busy` first). */
  write(data: string): void;
  /** Called when a write that had to wait has reached the terminal. */
  onIdle: (() => void) | null;
  /** Blocking writes again, as Node had them. Idempotent; also done at process exit. */
  restore(): void;
}

export function terminalWriter(stdout: NodeJS.WriteStream): TerminalWriter {
  const handle = (stdout as NodeJS.WriteStream & { _handle?: StreamHandle | null })._handle;
  const toggles = stdout.isTTY === true && typeof handle?.setBlocking === 'function';
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    if (!toggles || stdout.destroyed) return;
    try {
      handle.setBlocking!(true);
    } catch {
      // The terminal is gone: nothing of it is left to restore.
    }
  };
  if (toggles) {
    process.on('exit', restore);
    handle.setBlocking!(false);
  }
  const busy = () => stdout.writableLength > 0;

  const writer: TerminalWriter = {
    get busy() {
      return busy();
    },
    onIdle: null,
    write(data) {
      stdout.write(data, () => {
        if (!busy() && !stdout.destroyed) writer.onIdle?.();
      });
    },
    restore,
  };
  return writer;
}
