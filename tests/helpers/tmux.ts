// A program in a real terminal (tmux), for tests that must see what reaches a terminal:
// the screen, every raw byte the program wrote, the pane's title and tmux's paste buffers
// (where an OSC 52 "set clipboard" lands). Each pane has its own tmux server (socket) and
// config, and the server is killed when the test finishes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

let panes = 0;

export interface TmuxPaneOptions {
  env?: Record<string, string>;
  columns?: number;
  rows?: number;
}

/** True once the process is gone (its pid no longer signalable). */
export function processEnded(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

export class TmuxPane {
  readonly initialTitle: string;
  private readonly socket = `syncdeck-pane-${process.pid}-${++panes}`;
  private readonly dir = mkdtempSync(join(tmpdir(), 'syncdeck-tmux-'));
  private readonly rawFile = join(this.dir, 'raw');
  private alive = true;

  constructor(command: string[], options: TmuxPaneOptions = {}) {
    const conf = join(this.dir, 'tmux.conf');
    // The pane stays after the program ends (its screen, title and bytes can still be read);
    // OSC 52 from the program is taken into a paste buffer, so the test can see it arrive.
    writeFileSync(conf, 'set -g remain-on-exit on\nset -g set-clipboard on\n');
    this.tmux('-f', conf, 'new-session', '-d', '-s', 'main', '-x', String(options.columns ?? 120), '-y', String(options.rows ?? 40), 'sh', '-c', 'read wait');
    onTestFinished(() => this.kill());
    this.initialTitle = this.format('pane_title');
    // Every byte from the start: the pipe is open before the program is started in the pane.
    this.tmux('pipe-pane', '-t', 'main', '-o', `cat >> '${this.rawFile}'`);
    // Ink renders only the last frame when it thinks it runs in CI: the program runs without CI.
    const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
    this.tmux('respawn-pane', '-k', '-t', 'main', 'env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', ...env, ...command);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-u', '-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** A tmux format about the pane (pane_title, alternate_on, cursor_flag…). */
  format(name: string): string {
    return this.tmux('display-message', '-p', '-t', 'main', `#{${name}}`).replace(/\n$/, '');
  }

  /** tmux key names (Enter, Escape, Down…) or literal characters. */
  sendKeys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  /** The program's pid (tmux runs it directly; `env` execs it). */
  pid(): number {
    return Number(this.format('pane_pid'));
  }

  dead(): boolean {
    return this.format('pane_dead') === '1';
  }

  title(): string {
    return this.format('pane_title');
  }

  /** Every paste buffer's content, concatenated ('' when there is none). */
  buffers(): string {
    const names = this.tmux('list-buffers', '-F', '#{buffer_name}').split('\n').filter(Boolean);
    return names.map((name) => this.tmux('show-buffer', '-b', name)).join('');
  }

  /** Every byte the program wrote to the terminal. */
  raw(): Buffer {
    try {
      return readFileSync(this.rawFile);
    } catch {
      return Buffer.alloc(0);
    }
  }

  /** The terminal goes away, as when an SSH link drops: the program gets SIGHUP. */
  hangUp(): void {
    this.kill();
  }

  /** Polls the screen (tmux has no change event) until it matches, or fails with the screen. */
  async waitForScreen(expected: RegExp | ((screen: string) => boolean), what = String(expected), timeoutMs = 20_000): Promise<string> {
    const ok = typeof expected === 'function' ? expected : (s: string) => expected.test(s);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (ok(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
