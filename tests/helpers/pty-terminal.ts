// A program in a real pseudo-terminal (tests/fixtures/pty-host.py) whose output feeds a
// headless terminal emulator, and whose reader can stop reading, as a frozen SSH client does.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { HeadlessTerminal } from './headless-terminal.js';
import { interactiveEnv } from './interactive-env.js';

const HOST = join(process.cwd(), 'tests', 'fixtures', 'pty-host.py');
const open = new Set<PtyTerminal>();
afterEach(() => {
  for (const t of open) t.kill();
  open.clear();
});

export class PtyTerminal {
  readonly screen: HeadlessTerminal;
  /** Every chunk read from the pty, with the time it came. */
  readonly chunks: { at: number; bytes: number }[] = [];
  readonly exited: Promise<number | null>;
  /** The pid of the command the pty runs. */
  readonly pid: Promise<number>;
  private readonly host: ChildProcess;

  constructor(argv: string[], options: { columns?: number; rows?: number; env?: NodeJS.ProcessEnv } = {}) {
    const columns = options.columns ?? 120;
    const rows = options.rows ?? 40;
    this.screen = new HeadlessTerminal(columns, rows);
    this.host = spawn('python3', [HOST, String(columns), String(rows), ...argv], {
      env: options.env ?? interactiveEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    open.add(this);
    this.host.stdout!.on('data', (data: Buffer) => {
      this.chunks.push({ at: Date.now(), bytes: data.length });
      void this.screen.write(data);
    });
    let stderr = '';
    this.pid = new Promise((resolve, reject) => {
      this.host.stderr!.on('data', (data: Buffer) => {
        stderr += data.toString();
        const m = /^pid (\d+)$/m.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      this.host.once('exit', () => reject(new Error(`the pty host ended before starting: ${stderr}`)));
    });
    this.exited = once(this.host, 'close').then(([code]) => code as number | null);
  }

  /** The reader stops reading: the pty's buffer fills and the program's writes have nowhere to go. */
  async stopReading(): Promise<void> {
    await this.pid;
    this.host.kill('SIGUSR1');
  }

  async resumeReading(): Promise<void> {
    await this.pid;
    this.host.kill('SIGUSR2');
  }

  type(keys: string): void {
    this.host.stdin!.write(keys);
  }

  bytesSince(at: number): number {
    return this.chunks.filter((c) => c.at >= at).reduce((n, c) => n + c.bytes, 0);
  }

  /** Polls the screen until `check` holds. */
  async waitForScreen(check: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.screen.settled();
      const text = this.screen.text();
      if (check(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): void {
    if (this.host.exitCode === null && this.host.signalCode === null) this.host.kill('SIGKILL');
    this.screen.dispose();
  }
}

/** A process's children (from /proc). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident memory of a process in MB (from /proc). */
export function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** The flags an fd of a process is open with (octal in /proc/PID/fdinfo). */
export function fdFlags(pid: number, fd: number): number {
  const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))?.[1];
  return parseInt(flags ?? '0', 8);
}
