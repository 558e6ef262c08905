// A real terminal emulator without a display (@xterm/headless), for the tests and the
// bench: feed it what a program wrote, then read the screen as text or cell by cell.
// xterm parses asynchronously: `write` resolves once everything fed so far is on screen.
import xterm from '@xterm/headless';
import type { IBufferCell, IUnicodeVersionProvider } from '@xterm/headless';

const { Terminal } = xterm;

// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth.txt, W and F).
const WIDE_BLOCKS: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const EMOJI = /^\p{Emoji_Presentation}$/u;

/**
 * Character widths as terminals have them since Unicode 9 (tmux, VTE, xterm with a current
 * wcwidth): emoji with emoji presentation are two cells. xterm.js alone knows Unicode 6,
 * where they are one.
 */
const UNICODE_9_WIDTHS: IUnicodeVersionProvider = {
  version: '9-emoji',
  wcwidth(code) {
    if (code < 0x300) return code < 0x20 || (code >= 0x7f && code < 0xa0) ? 0 : 1;
    const char = String.fromCodePoint(code);
    if (ZERO_WIDTH.test(char)) return 0;
    return EMOJI.test(char) || WIDE_BLOCKS.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
  },
  charProperties(code, preceding) {
    // As xterm's own providers: a zero-width character joins the one before it.
    let width = this.wcwidth(code);
    const before = (preceding >> 1) & 3;
    const join = width === 0 && preceding !== 0 && before !== 0;
    if (join && before > width) width = before as 1 | 2;
    return ((width & 3) << 1) | (join ? 1 : 0);
  },
};

export interface HeadlessTerminalOptions {
  /**
   * Treat a bare "\n" as "\r\n", as the pseudo-terminal does (ONLCR) for bytes on their way
   * to the terminal. Leave it off for bytes read from a pty, where that already happened.
   */
  convertEol?: boolean;
}

/** One cell as a test compares it: its text ('' for the right half of a wide character) and its SGR attributes. */
export interface CellView {
  chars: string;
  width: number;
  /** SGR parameters in a canonical order ("" = plain), e.g. "1;31" or "7;38;5;208". */
  sgr: string;
}

function colorSgr(mode: number, color: number, base: 30 | 40): string {
  // xterm's colour modes: 0 default, 1<<24 16 colours, 2<<24 256 colours, 3<<24 RGB.
  const kind = mode >>> 24;
  if (kind === 1) return String(color < 8 ? base + color : base + 60 + color - 8);
  if (kind === 2) return `${base + 8};5;${color}`;
  if (kind === 3) return `${base + 8};2;${(color >> 16) & 255};${(color >> 8) & 255};${color & 255}`;
  return '';
}

export function sgrOfCell(cell: IBufferCell): string {
  const p: string[] = [];
  if (cell.isBold()) p.push('1');
  if (cell.isDim()) p.push('2');
  if (cell.isItalic()) p.push('3');
  if (cell.isUnderline()) p.push('4');
  if (cell.isBlink()) p.push('5');
  if (cell.isInverse()) p.push('7');
  if (cell.isInvisible()) p.push('8');
  if (cell.isStrikethrough()) p.push('9');
  const fg = colorSgr(cell.getFgColorMode(), cell.getFgColor(), 30);
  const bg = colorSgr(cell.getBgColorMode(), cell.getBgColor(), 40);
  if (fg) p.push(fg);
  if (bg) p.push(bg);
  return p.join(';');
}

export class HeadlessTerminal {
  protected readonly term: InstanceType<typeof Terminal>;
  /** Lines that scrolled off the top (inside a dashboard a scroll means a frame was too tall). */
  scrolled = 0;
  private parsed: Promise<void> = Promise.resolve();

  constructor(
    public columns: number,
    public rows: number,
    options: HeadlessTerminalOptions = {},
  ) {
    this.term = new Terminal({
      cols: columns,
      rows,
      allowProposedApi: true,
      convertEol: options.convertEol ?? false,
      scrollback: 0,
    });
    this.term.onScroll(() => this.scrolled++);
    // Switching to or from the alternate screen also reports a scroll: it is not one.
    this.term.buffer.onBufferChange(() => this.scrolled--);
    this.term.unicode.register(UNICODE_9_WIDTHS);
    this.term.unicode.activeVersion = UNICODE_9_WIDTHS.version;
  }

  /** Feeds bytes (or text); resolves when they, and everything fed before, are on screen. */
  write(data: string | Uint8Array): Promise<void> {
    this.parsed = new Promise((resolve) => this.term.write(data, resolve));
    return this.parsed;
  }

  /** Resolves when everything fed so far is on screen. */
  settled(): Promise<void> {
    return this.parsed;
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.term.resize(columns, rows);
  }

  /** The visible text, one line per row, trailing blanks (written or not) removed. */
  lines(): string[] {
    const buffer = this.term.buffer.active;
    return Array.from({ length: this.rows }, (_, y) =>
      (buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '').trimEnd(),
    );
  }

  text(): string {
    return this.lines().join('\n');
  }

  /** The cells of one visible row. */
  row(y: number): CellView[] {
    const buffer = this.term.buffer.active;
    const line = buffer.getLine(buffer.viewportY + y);
    const cell = buffer.getNullCell();
    return Array.from({ length: this.columns }, (_, x) => {
      const c = line?.getCell(x, cell);
      return c ? { chars: c.getChars(), width: c.getWidth(), sgr: sgrOfCell(c) } : { chars: '', width: 1, sgr: '' };
    });
  }

  /** Which screen is showing: 'normal' or 'alternate'. */
  bufferType(): 'normal' | 'alternate' {
    return this.term.buffer.active.type;
  }

  cursor(): { x: number; y: number } {
    return { x: this.term.buffer.active.cursorX, y: this.term.buffer.active.cursorY };
  }

  dispose(): void {
    this.term.dispose();
  }
}
