// The real dashboard (startDashboard) on a fake TTY whose every byte goes into a headless
// terminal emulator, with the frames Ink drew beside it: a test can wait for a screen, and
// compare the terminal with the last frame drawn afresh, cell by cell.
import type { EngineApi } from '../../src/engine/api.js';
import { startDashboard, type DashboardHandle } from '../../src/ui/index.js';
import { FakeTtyInput, FakeTtyOutput } from './fake-tty.js';
import { HeadlessTerminal } from './headless-terminal.js';
import { untilQuiet } from './quiet.js';
import { terminalDifferences } from './screen-compare.js';

export interface DashboardTerminalOptions {
  columns?: number;
  rows?: number;
  color?: boolean;
  lang?: 'en' | 'ru';
  ascii?: boolean;
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DashboardTerminal {
  readonly out: FakeTtyOutput;
  readonly input = new FakeTtyInput();
  /** What the terminal shows: every byte written, in order (the pty turns "\n" into "\r\n"). */
  readonly term: HeadlessTerminal;
  readonly dashboard: DashboardHandle;
  /** The newest frame Ink drew, and how many it drew. */
  frame: readonly string[] = [];
  frames = 0;

  constructor(engine: EngineApi, options: DashboardTerminalOptions = {}) {
    const columns = options.columns ?? 120;
    const rows = options.rows ?? 40;
    this.out = new FakeTtyOutput(columns, rows);
    this.term = new HeadlessTerminal(columns, rows, { convertEol: true });
    this.out.onChunk = (chunk) => void this.term.write(chunk);
    this.dashboard = startDashboard(engine, {
      lang: options.lang ?? 'en',
      color: options.color ?? true,
      ascii: options.ascii ?? false,
      stdout: this.out.asStream(),
      stdin: this.input.asStream(),
      onFrame: (lines) => {
        this.frame = lines;
        this.frames++;
      },
    });
  }

  /** The screen as text, once everything written so far is on it. */
  async screen(): Promise<string> {
    await this.term.settled();
    return this.term.text();
  }

  /** Polls (every 10 ms) until the screen satisfies `check`. */
  async waitForScreen(check: (screen: string) => boolean, what: string, timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (check(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${screen}`);
      await tick(10);
    }
  }

  /** Waits until no frame was drawn for `quietMs` (keys and engine events settle into one frame). */
  async settle(quietMs = 150, timeoutMs = 5_000): Promise<void> {
    await untilQuiet(() => this.frames, { quietMs, timeoutMs, pollMs: 10 });
    await this.term.settled();
  }

  /** Where the terminal differs from the last frame drawn whole on a blank screen of the same size. */
  async differencesFromFrame(): Promise<string[]> {
    await this.term.settled();
    const fresh = new HeadlessTerminal(this.term.columns, this.term.rows, { convertEol: true });
    await fresh.write(this.frame.join('\n'));
    const found = terminalDifferences(this.term, fresh);
    fresh.dispose();
    return found;
  }

  type(keys: string): void {
    this.input.type(keys);
  }

  /** The terminal changes size first (cropping what it shows), then tells the program. */
  async resize(columns: number, rows: number): Promise<void> {
    await this.term.settled();
    this.term.resize(columns, rows);
    this.out.resize(columns, rows);
  }

  close(): void {
    this.dashboard.close();
    this.term.dispose();
  }
}
