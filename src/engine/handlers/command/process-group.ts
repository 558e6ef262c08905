// Signals to a child and everything it started: the child runs in its own process
// group (spawned detached), so a signal to the group reaches grandchildren too.
import type { ChildProcess } from 'node:child_process';

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch (err) {
    // ESRCH: the group is already gone.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') child.kill(signal);
  }
}
