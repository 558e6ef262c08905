// A minimal terminal emulator: enough of VT100/xterm to follow what Ink writes (cursor
// moves, erases, SGR colours, the alternate screen), so the benchmark can tell when a
// complete frame is on screen and what a full repaint of that frame would cost.

interface Style {
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  strike: boolean;
  fg: string;
  bg: string;
}

const PLAIN: Style = { bold: false, dim: false, italic: false, underline: false, inverse: false, strike: false, fg: '', bg: '' };

interface Cell {
  ch: string;
  /** SGR parameters of the cell ("" = plain). */
  sgr: string;
}

const blank = (): Cell => ({ ch: ' ', sgr: '' });

function sgrOf(s: Style): string {
  const p: string[] = [];
  if (s.bold) p.push('1');
  if (s.dim) p.push('2');
  if (s.italic) p.push('3');
  if (s.underline) p.push('4');
  if (s.inverse) p.push('7');
  if (s.strike) p.push('9');
  if (s.fg) p.push(s.fg);
  if (s.bg) p.push(s.bg);
  return p.join(';');
}

function applySgr(style: Style, params: number[]): Style {
  const s = { ...style };
  if (params.length === 0) return { ...PLAIN };
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) Object.assign(s, PLAIN);
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 9) s.strike = true;
    else if (p === 22) s.bold = s.dim = false;
    else if (p === 23) s.italic = false;
    else if (p === 24) s.underline = false;
    else if (p === 27) s.inverse = false;
    else if (p === 29) s.strike = false;
    else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) s.fg = String(p);
    else if (p === 39) s.fg = '';
    else if ((p >= 40 && p <= 47) || (p >= 100 && p <= 107)) s.bg = String(p);
    else if (p === 49) s.bg = '';
    else if (p === 38 || p === 48) {
      // 38;5;n or 38;2;r;g;b
      const mode = params[i + 1];
      const take = mode === 5 ? 2 : mode === 2 ? 4 : 1;
      const value = [p, ...params.slice(i + 1, i + 1 + take)].join(';');
      if (p === 38) s.fg = value;
      else s.bg = value;
      i += take;
    }
  }
  return s;
}

function charWidth(code: number): number {
  if (code >= 0x300 && code <= 0x36f) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff)
  ) {
    return 2;
  }
  return 1;
}

export class Screen {
  private grid: Cell[][];
  private saved: Cell[][] | null = null;
  private row = 0;
  private col = 0;
  private pendingWrap = false;
  private style: Style = { ...PLAIN };
  private savedCursor = { row: 0, col: 0 };
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    this.grid = this.emptyGrid();
  }

  private emptyGrid(): Cell[][] {
    return Array.from({ length: this.rows }, () => Array.from({ length: this.cols }, blank));
  }

  feed(bytes: Uint8Array): void {
    this.process(this.pending + this.decoder.decode(bytes, { stream: true }));
  }

  /** The visible text, one line per row, trailing blanks removed. */
  lines(): string[] {
    return this.grid.map((r) => r.map((c) => c.ch).join('').trimEnd());
  }

  text(): string {
    return this.lines().join('\n');
  }

  /**
   * The bytes Ink's default (non-incremental) rendering writes to repaint the frame now
   * on screen: erase the previous frame's lines, then every line of the frame with its
   * colours. `frameLines` is the height of the frame Ink draws (rows − 1 in syncdeck).
   */
  fullRepaintBytes(frameLines = this.rows - 1): number {
    const n = frameLines + 1; // the frame plus the trailing newline Ink adds
    const erase = n * 4 + (n - 1) * 4 + 3; // ESC[2K per line, ESC[1A between, ESC[G
    let body = '';
    for (let r = 0; r < frameLines; r++) {
      const cells = this.grid[r]!;
      let end = cells.length;
      while (end > 0 && cells[end - 1]!.ch === ' ' && cells[end - 1]!.sgr === '') end--;
      let sgr = '';
      for (let c = 0; c < end; c++) {
        const cell = cells[c]!;
        if (cell.ch === '') continue; // the right half of a wide character
        if (cell.sgr !== sgr) {
          body += sgr ? '\x1b[0m' : '';
          body += cell.sgr ? `\x1b[${cell.sgr}m` : '';
          sgr = cell.sgr;
        }
        body += cell.ch;
      }
      if (sgr) body += '\x1b[0m';
      body += '\n';
    }
    return erase + Buffer.byteLength(body, 'utf8');
  }

  private process(text: string): void {
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\x1b') {
        const used = this.escape(text, i);
        if (used === 0) {
          this.pending = text.slice(i);
          return;
        }
        i += used;
        continue;
      }
      const code = text.codePointAt(i)!;
      const len = code > 0xffff ? 2 : 1;
      i += len;
      if (code < 0x20 || code === 0x7f) this.control(ch);
      else this.print(String.fromCodePoint(code), charWidth(code));
    }
    this.pending = '';
  }

  /** Handles one escape sequence at `i`; returns its length, or 0 if it is incomplete. */
  private escape(text: string, i: number): number {
    const next = text[i + 1];
    if (next === undefined) return 0;
    if (next === '[') {
      let j = i + 2;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c >= 0x40 && c <= 0x7e) break;
        j++;
      }
      if (j >= text.length) return 0;
      this.csi(text.slice(i + 2, j), text[j]!);
      return j - i + 1;
    }
    if (next === ']' || next === 'P' || next === '_' || next === '^') {
      // OSC / DCS / APC / PM: skip to BEL or ST
      for (let j = i + 2; j < text.length; j++) {
        if (text[j] === '\x07') return j - i + 1;
        if (text[j] === '\x1b' && text[j + 1] === '\\') return j - i + 2;
      }
      return 0;
    }
    if (next === '(' || next === ')' || next === '#') return text.length > i + 2 ? 3 : 0;
    if (next === '7') this.savedCursor = { row: this.row, col: this.col };
    else if (next === '8') this.moveTo(this.savedCursor.row, this.savedCursor.col);
    else if (next === 'M') {
      if (this.row === 0) this.scrollDown(1);
      else this.row--;
    } else if (next === 'D') this.lineFeed();
    else if (next === 'E') {
      this.lineFeed();
      this.col = 0;
    } else if (next === 'c') {
      this.grid = this.emptyGrid();
      this.moveTo(0, 0);
      this.style = { ...PLAIN };
    }
    return 2;
  }

  private csi(body: string, final: string): void {
    const priv = /^[?<>=]/.test(body) ? body[0] : '';
    const params = (priv ? body.slice(1) : body)
      .replace(/[ -/]+$/, '')
      .split(';')
      .map((p) => (p === '' ? NaN : Number.parseInt(p.split(':')[0]!, 10)));
    const n = (k: number, dflt = 1) => {
      const v = params[k];
      return v === undefined || Number.isNaN(v) || v === 0 ? dflt : v;
    };
    if (priv === '?') {
      if ((final === 'h' || final === 'l') && params.some((p) => p === 1049 || p === 1047 || p === 47)) this.altScreen(final === 'h');
      return;
    }
    if (priv) return;
    switch (final) {
      case 'A':
        return this.moveTo(this.row - n(0), this.col);
      case 'B':
      case 'e':
        return this.moveTo(this.row + n(0), this.col);
      case 'C':
      case 'a':
        return this.moveTo(this.row, this.col + n(0));
      case 'D':
        return this.moveTo(this.row, this.col - n(0));
      case 'E':
        return this.moveTo(this.row + n(0), 0);
      case 'F':
        return this.moveTo(this.row - n(0), 0);
      case 'G':
      case '`':
        return this.moveTo(this.row, n(0) - 1);
      case 'd':
        return this.moveTo(n(0) - 1, this.col);
      case 'H':
      case 'f':
        return this.moveTo(n(0) - 1, n(1) - 1);
      case 'J':
        return this.eraseDisplay(Number.isNaN(params[0]!) ? 0 : params[0]!);
      case 'K':
        return this.eraseLine(Number.isNaN(params[0]!) ? 0 : params[0]!);
      case 'X':
        for (let c = this.col; c < Math.min(this.cols, this.col + n(0)); c++) this.grid[this.row]![c] = blank();
        return;
      case 'P': {
        const line = this.grid[this.row]!;
        line.splice(this.col, n(0));
        while (line.length < this.cols) line.push(blank());
        return;
      }
      case '@': {
        const line = this.grid[this.row]!;
        line.splice(this.col, 0, ...Array.from({ length: n(0) }, blank));
        line.length = this.cols;
        return;
      }
      case 'L':
        this.grid.splice(this.row, 0, ...Array.from({ length: n(0) }, () => Array.from({ length: this.cols }, blank)));
        this.grid.length = this.rows;
        return;
      case 'M':
        this.grid.splice(this.row, n(0));
        while (this.grid.length < this.rows) this.grid.push(Array.from({ length: this.cols }, blank));
        return;
      case 'S':
        return this.scrollUp(n(0));
      case 'T':
        return this.scrollDown(n(0));
      case 'm':
        this.style = applySgr(
          this.style,
          params.map((p) => (Number.isNaN(p) ? 0 : p)),
        );
        return;
      case 's':
        this.savedCursor = { row: this.row, col: this.col };
        return;
      case 'u':
        return this.moveTo(this.savedCursor.row, this.savedCursor.col);
      default:
        return;
    }
  }

  private control(ch: string): void {
    if (ch === '\r') {
      this.col = 0;
      this.pendingWrap = false;
    } else if (ch === '\n' || ch === '\v' || ch === '\f') this.lineFeed();
    else if (ch === '\b') this.moveTo(this.row, this.col - 1);
    else if (ch === '\t') this.moveTo(this.row, Math.min(this.cols - 1, (Math.floor(this.col / 8) + 1) * 8));
  }

  private print(ch: string, width: number): void {
    if (width === 0) return;
    if (this.pendingWrap) {
      this.pendingWrap = false;
      this.col = 0;
      this.lineFeed();
    }
    const line = this.grid[this.row]!;
    line[this.col] = { ch, sgr: sgrOf(this.style) };
    if (width === 2 && this.col + 1 < this.cols) line[this.col + 1] = { ch: '', sgr: sgrOf(this.style) };
    if (this.col + width >= this.cols) this.pendingWrap = true;
    else this.col += width;
  }

  private lineFeed(): void {
    this.pendingWrap = false;
    if (this.row === this.rows - 1) this.scrollUp(1);
    else this.row++;
  }

  private moveTo(row: number, col: number): void {
    this.row = Math.max(0, Math.min(this.rows - 1, row));
    this.col = Math.max(0, Math.min(this.cols - 1, col));
    this.pendingWrap = false;
  }

  private scrollUp(n: number): void {
    for (let k = 0; k < n; k++) {
      this.grid.shift();
      this.grid.push(Array.from({ length: this.cols }, blank));
    }
  }

  private scrollDown(n: number): void {
    for (let k = 0; k < n; k++) {
      this.grid.pop();
      this.grid.unshift(Array.from({ length: this.cols }, blank));
    }
  }

  private eraseLine(mode: number): void {
    const line = this.grid[this.row]!;
    const [from, to] = mode === 0 ? [this.col, this.cols] : mode === 1 ? [0, this.col + 1] : [0, this.cols];
    for (let c = from; c < to; c++) line[c] = blank();
  }

  private eraseDisplay(mode: number): void {
    if (mode === 2 || mode === 3) {
      this.grid = this.emptyGrid();
      return;
    }
    this.eraseLine(mode);
    const rows = mode === 0 ? [this.row + 1, this.rows] : [0, this.row];
    for (let r = rows[0]!; r < rows[1]!; r++) this.grid[r] = Array.from({ length: this.cols }, blank);
  }

  private altScreen(on: boolean): void {
    if (on && !this.saved) {
      this.saved = this.grid;
      this.grid = this.emptyGrid();
    } else if (!on && this.saved) {
      this.grid = this.saved;
      this.saved = null;
    }
  }
}
