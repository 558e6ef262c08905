// The real dashboard in a real terminal, for the fault and security tests: a private tmux
// server per pane, every byte the program writes recorded (pipe-pane) from the first one,
// and its screen, title and clipboard buffers readable. Every server is killed after the test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach } from 'vitest';

const open: TmuxPane[] = [];
afterEach(() => {
  for (const pane of open.splice(0)) pane.kill();
});

export interface PaneOptions {
  cols?: number;
  rows?: number;
  /** Extra environment for the program; CI is always removed (Ink would draw only the last frame). */
  env?: Record<string, string>;
}

export class TmuxPane {
  private readonly socket = `syncdeck-pane-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly dir = mkdtempSync(join(tmpdir(), 'syncdeck-tmux-'));
  readonly rawLog = join(this.dir, 'raw.log');
  /** The pane's title before the program started: nothing it prints may change it. */
  readonly initialTitle: string;

  constructor(argv: string[], options: PaneOptions = {}) {
    const conf = join(this.dir, 'tmux.conf');
    // set-clipboard on: an OSC 52 that reaches tmux becomes a paste buffer the test can see.
    writeFileSync(conf, 'set -g set-clipboard on\nset -g remain-on-exit on\n');
    writeFileSync(this.rawLog, '');
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    delete env.CI;
    delete env.TMUX;
    const size = ['-x', String(options.cols ?? 120), '-y', String(options.rows ?? 40)];
    // The program waits for one line on stdin, so that its output is recorded from the first byte.
    execFileSync('tmux', ['-L', this.socket, '-f', conf, 'new-session', '-d', ...size, '-s', 'main', 'sh', '-c', 'read _ && exec "$@"', 'sh', ...argv], { env, stdio: 'pipe' });
    open.push(this);
    this.tmux('pipe-pane', '-o', '-t', 'main', `cat >> '${this.rawLog}'`);
    this.initialTitle = this.title();
    this.sendKeys('Enter');
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** The visible screen as text. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  title(): string {
    return this.tmux('display-message', '-p', '-t', 'main', '#{pane_title}').trimEnd();
  }

  /** tmux's paste buffers: an OSC 52 (clipboard) sequence would have made one. */
  buffers(): string {
    return this.tmux('list-buffers');
  }

  /** Every byte the program wrote to the terminal. */
  raw(): Buffer {
    return readFileSync(this.rawLog);
  }

  /** The program's process id (the pane's shell exec'd it). */
  pid(): number {
    return Number(this.tmux('display-message', '-p', '-t', 'main', '#{pane_pid}').trim());
  }

  dead(): boolean {
    return this.tmux('display-message', '-p', '-t', 'main', '#{pane_dead}').trim() === '1';
  }

  sendKeys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** Polls the screen until `match` holds. */
  async waitForScreen(match: RegExp | ((screen: string) => boolean), what = String(match), timeoutMs = 20_000): Promise<string> {
    const test = typeof match === 'function' ? match : (s: string) => match.test(s);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`the screen never showed ${what}; it shows:\n${screen}`);
      await delay(100);
    }
  }

  /** What a dropped SSH link does: the terminal goes away, and the program gets SIGHUP. */
  hangUp(): void {
    this.tmux('kill-session', '-t', 'main');
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** True once `pid` has ended (gone, or a zombie nobody has reaped yet). */
export function processEnded(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
  } catch {
    return true;
  }
}
