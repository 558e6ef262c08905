// A program in a real terminal (tmux), for tests that must see what reaches a terminal: the
// screen, every raw byte the program wrote (recorded from the first one), the pane's title
// and tmux's paste buffers (where an OSC 52 "set clipboard" lands). Each pane has its own
// tmux server (socket) and config; every server is killed after the test.
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

export interface TmuxPaneOptions {
  columns?: number;
  rows?: number;
  /** Extra environment for the program; CI is always removed (Ink would draw only the last frame). */
  env?: Record<string, string>;
}

export class TmuxPane {
  private readonly socket = `syncdeck-pane-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly dir = mkdtempSync(join(tmpdir(), 'syncdeck-tmux-'));
  private readonly rawLog = join(this.dir, 'raw.log');
  private killed = false;
  /** The pane's title before the program started: nothing it prints may change it. */
  readonly initialTitle: string;

  constructor(argv: string[], options: TmuxPaneOptions = {}) {
    const conf = join(this.dir, 'tmux.conf');
    // The pane stays after the program ends (its screen, title and bytes can still be read);
    // OSC 52 from the program is taken into a paste buffer, so the test can see it arrive.
    writeFileSync(conf, 'set -g remain-on-exit on\nset -g set-clipboard on\n');
    writeFileSync(this.rawLog, '');
    // The program's environment is the server's (given here, not on a command line), without
    // CI. tmux sets TERM for every pane itself: a TERM asked for is set by `env` in the pane.
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    delete env.CI;
    delete env.CONTINUOUS_INTEGRATION;
    delete env.TMUX;
    const size = ['-x', String(options.columns ?? 120), '-y', String(options.rows ?? 40)];
    const command = options.env?.TERM === undefined ? argv : ['env', `TERM=${options.env.TERM}`, ...argv];
    // The program waits for one line on stdin, so that its output is recorded from the first byte.
    const start = ['new-session', '-d', ...size, '-s', 'main', 'sh', '-c', 'read _ && exec "$@"', 'sh', ...command];
    execFileSync('tmux', ['-u', '-L', this.socket, '-f', conf, ...start], { env, stdio: 'pipe' });
    open.push(this);
    this.tmux('pipe-pane', '-o', '-t', 'main', `cat >> '${this.rawLog}'`);
    this.initialTitle = this.title();
    this.sendKeys('Enter');
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-u', '-L', this.socket, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** A tmux format about the pane (pane_title, alternate_on, cursor_flag…). */
  format(name: string): string {
    return this.tmux('display-message', '-p', '-t', 'main', `#{${name}}`).replace(/\n$/, '');
  }

  /** The visible screen as text. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  title(): string {
    return this.format('pane_title').trimEnd();
  }

  /** Every paste buffer's content, concatenated ('' when there is none): an OSC 52 would have made one. */
  buffers(): string {
    const names = this.tmux('list-buffers', '-F', '#{buffer_name}').split('\n').filter(Boolean);
    return names.map((name) => this.tmux('show-buffer', '-b', name)).join('');
  }

  /** Every byte the program wrote to the terminal. */
  raw(): Buffer {
    return existsSync(this.rawLog) ? readFileSync(this.rawLog) : Buffer.alloc(0);
  }

  /** The program's process id (the pane's shell exec'd it). */
  pid(): number {
    return Number(this.format('pane_pid'));
  }

  dead(): boolean {
    return this.format('pane_dead') === '1';
  }

  /** tmux key names (Enter, Escape, Down…) or literal characters. */
  sendKeys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** Polls the screen (tmux has no change event) until it matches, or fails with the screen. */
  async waitForScreen(
    expected: RegExp | ((screen: string) => boolean),
    what = String(expected),
    timeoutMs = 20_000,
  ): Promise<string> {
    const ok = typeof expected === 'function' ? expected : (s: string) => expected.test(s);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (ok(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${screen}`);
      await delay(50);
    }
  }

  /**
   * Presses q and, when runs in progress here make the dashboard ask first, answers y; then
   * waits until `closed` holds (default: the pane's process ended).
   */
  async quit(closed: (screen: string) => boolean = () => this.dead()): Promise<string> {
    this.sendKeys('q');
    const asked = (s: string) => /will be interrupted and resumed elsewhere\. Quit\?|будут прерваны/.test(s);
    const screen = await this.waitForScreen((s) => closed(s) || asked(s), 'the dashboard closed or asked to confirm');
    if (closed(screen)) return screen;
    this.sendKeys('y');
    return this.waitForScreen(closed, 'the dashboard closed');
  }

  /** What a dropped SSH link does: the terminal goes away, and the program gets SIGHUP. The bytes stay readable. */
  hangUp(): void {
    this.tmux('kill-session', '-t', 'main');
  }

  kill(): void {
    if (this.killed) return;
    this.killed = true;
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone (the last session ended).
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
