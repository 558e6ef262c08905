// Runs a command in a real pseudo-terminal (util-linux `script`), records every byte it
// writes with the time it arrived, and keeps a Screen of what the terminal shows.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { Screen } from './screen.js';
import { now, sleep, waitUntil } from './timing.js';
export { interactiveEnv } from '../../tests/helpers/interactive-env.js';

/** Written by the shell right before `exec`: the moment the measured process starts. */
const START_MARK = '\x1b]2;syncdeck-bench-start\x07';

export interface PtyOptions {
  cols: number;
  rows: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface Chunk {
  at: number;
  bytes: number;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class PtySession {
  readonly screen: Screen;
  readonly chunks: Chunk[] = [];
  readonly spawnedAt: number;
  /** When the shell was about to exec the command (null until seen). */
  startedAt: number | null = null;
  exitedAt: number | null = null;
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private preamble = '';

  constructor(argv: string[], opts: PtyOptions) {
    this.screen = new Screen(opts.cols, opts.rows);
    const command = `stty cols ${opts.cols} rows ${opts.rows}; printf '\\033]2;syncdeck-bench-start\\007'; exec ${argv.map(shellQuote).join(' ')}`;
    this.spawnedAt = now();
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (data: Buffer) => this.onData(data));
    this.child.stderr!.on('data', () => undefined);
    this.exited = once(this.child, 'exit').then(([code]) => {
      this.exitedAt = now();
      return code as number | null;
    });
  }

  private onData(data: Buffer): void {
    const at = now();
    if (this.startedAt === null) {
      // Everything up to the start mark is the shell's; the measured process writes after it.
      this.preamble += data.toString('latin1');
      const k = this.preamble.indexOf(START_MARK);
      if (k < 0) return;
      this.startedAt = at;
      const rest = Buffer.from(this.preamble.slice(k + START_MARK.length), 'latin1');
      this.preamble = '';
      if (rest.length === 0) return;
      data = rest;
    }
    this.chunks.push({ at, bytes: data.length });
    this.screen.feed(data);
    // BENCH_PTY_LOG=FILE keeps the raw output, to debug what the terminal was sent.
    if (process.env.BENCH_PTY_LOG) appendFileSync(process.env.BENCH_PTY_LOG, data);
  }

  get totalBytes(): number {
    return this.chunks.reduce((sum, c) => sum + c.bytes, 0);
  }

  bytesBetween(from: number, to = Infinity): number {
    let sum = 0;
    for (const c of this.chunks) if (c.at >= from && c.at < to) sum += c.bytes;
    return sum;
  }

  write(keys: string): void {
    this.child.stdin!.write(keys);
  }

  /** Resolves with the time the screen first satisfied `ready` (checked after every chunk). */
  async waitForScreen(ready: (s: Screen) => boolean, timeoutMs: number, what: string): Promise<number> {
    let seen = -1;
    const check = () => {
      if (seen >= 0) return seen;
      // The time of the last chunk on screen (the emulator parses a moment after it arrived).
      if (ready(this.screen)) seen = this.chunks[this.screen.parsedChunks - 1]?.at ?? now();
      if (seen >= 0) return seen;
      if (this.exitedAt !== null) throw new Error(`the process exited before ${what}; screen:\n${this.screen.text()}`);
      return undefined;
    };
    return waitUntil(check, timeoutMs, what, 2);
  }

  /**
   * The bytes written in reaction to something done at `from`: waits up to `firstByteMs`
   * for the first byte, then until nothing was written for `quietMs` (at most `maxMs`).
   */
  async settle(
    from: number,
    opts: { firstByteMs: number; quietMs: number; maxMs: number },
  ): Promise<{ bytes: number; firstAt: number | null }> {
    const firstChunk = () => this.chunks.find((c) => c.at >= from);
    while (!firstChunk() && now() - from < opts.firstByteMs) await sleep(2);
    const first = firstChunk();
    if (!first) return { bytes: 0, firstAt: null };
    while (now() - from < opts.maxMs && now() - this.chunks.at(-1)!.at < opts.quietMs) await sleep(5);
    return { bytes: this.bytesBetween(from), firstAt: first.at };
  }

  /** Waits until nothing was written for `quietMs` (or `maxMs` passed); returns the time of the last byte. */
  async waitQuiet(quietMs: number, maxMs: number): Promise<number> {
    const start = now();
    for (;;) {
      const last = this.chunks.at(-1)?.at ?? start;
      const t = now();
      if (t - Math.max(last, start) >= quietMs || t - start >= maxMs) return last;
      await sleep(5);
    }
  }

  /** The pid of the process `script` runs (the shell exec'd into it). */
  commandPid(): number | undefined {
    const scriptPid = this.child.pid;
    if (scriptPid === undefined) return undefined;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === scriptPid) return Number(entry);
      } catch {
        // gone meanwhile
      }
    }
    return undefined;
  }

  /** Asks nicely with `keys` (e.g. "q"), then SIGTERM, then SIGKILL. */
  async stop(keys: string | null, graceMs = 5_000): Promise<number | null> {
    if (this.exitedAt === null && keys !== null) this.write(keys);
    const timeout = (ms: number) => sleep(ms).then(() => 'timeout' as const);
    if ((await Promise.race([this.exited, timeout(graceMs)])) !== 'timeout') return this.exited;
    const pid = this.commandPid();
    if (pid !== undefined) process.kill(pid, 'SIGTERM');
    if ((await Promise.race([this.exited, timeout(graceMs)])) !== 'timeout') return this.exited;
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

/** Peak and current resident memory of a process, in MB, from /proc. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}
