// A small terminal emulator for tests: applies the escape sequences Ink and syncdeck write
// (cursor moves, erases, SGR ignored) to a grid, so a test can read what the screen shows.

export class VirtualScreen {
  readonly grid: string[][];
  row = 0;
  col = 0;
  /** Lines that scrolled off the top (a scroll inside the dashboard means a frame was too tall). */
  scrolled = 0;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.grid = Array.from({ length: rows }, () => Array<string>(columns).fill(' '));
  }

  private lineFeed() {
    if (this.row === this.rows - 1) {
      this.grid.shift();
      this.grid.push(Array<string>(this.columns).fill(' '));
      this.scrolled++;
    } else {
      this.row++;
    }
  }

  private eraseLine(from: number, to: number) {
    const line = this.grid[this.row]!;
    for (let c = from; c < to; c++) line[c] = ' ';
  }

  write(data: string): void {
    let i = 0;
    while (i < data.length) {
      const ch = data[i]!;
      if (ch === '\u001b') {
        const csi = /^\u001b\[([?0-9;]*)([A-Za-z])/.exec(data.slice(i));
        if (!csi) {
          i += 2;
          continue;
        }
        this.control(csi[1] ?? '', csi[2] ?? '');
        i += csi[0].length;
        continue;
      }
      if (ch === '\n') {
        this.lineFeed();
        this.col = 0; // the pty's ONLCR
      } else if (ch === '\r') {
        this.col = 0;
      } else {
        for (const glyph of ch) {
          if (this.col >= this.columns) {
            this.col = 0;
            this.lineFeed();
          }
          this.grid[this.row]![this.col++] = glyph;
        }
      }
      i += 1;
    }
  }

  private control(params: string, final: string) {
    if (params.startsWith('?')) return;
    const n = params === '' ? 1 : Math.max(1, Number(params.split(';')[0]));
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row = Math.min(this.rows - 1, this.row + n);
        break;
      case 'E':
        this.row = Math.min(this.rows - 1, this.row + n);
        this.col = 0;
        break;
      case 'G':
        this.col = Math.min(this.columns - 1, n - 1);
        break;
      case 'H':
        this.row = 0;
        this.col = 0;
        break;
      case 'K':
        if (params === '2') this.eraseLine(0, this.columns);
        else this.eraseLine(this.col, this.columns);
        break;
      case 'J':
        if (params === '2' || params === '3') {
          for (const line of this.grid) line.fill(' ');
        } else {
          this.eraseLine(this.col, this.columns);
          for (let r = this.row + 1; r < this.rows; r++) this.grid[r]!.fill(' ');
        }
        break;
      default:
        break; // SGR (m) and anything else: no effect on the text
    }
  }

  lines(): string[] {
    return this.grid.map((line) => line.join('').trimEnd());
  }

  text(): string {
    return this.lines().join('\n');
  }
}
