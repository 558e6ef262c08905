// What the terminal shows during a benchmark: the shared headless xterm (a maintained
// emulator, see tests/helpers/headless-terminal.ts) fed with every byte read from the pty,
// plus what a full repaint of the frame on screen would cost.
import { HeadlessTerminal } from '../../tests/helpers/headless-terminal.js';

export class Screen extends HeadlessTerminal {
  /** How many of the fed chunks are on screen (xterm parses asynchronously). */
  parsedChunks = 0;
  private fedChunks = 0;

  constructor(cols: number, rows: number) {
    super(cols, rows);
  }

  /** Feeds one chunk read from the pty; `parsedChunks` counts it once it is on screen. */
  feed(bytes: Uint8Array): void {
    const index = ++this.fedChunks;
    void this.write(bytes).then(() => {
      this.parsedChunks = Math.max(this.parsedChunks, index);
    });
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
      const cells = this.row(r);
      let end = cells.length;
      while (
        end > 0 &&
        (cells[end - 1]!.chars === '' || cells[end - 1]!.chars === ' ') &&
        cells[end - 1]!.width !== 0 &&
        cells[end - 1]!.sgr === ''
      )
        end--;
      let sgr = '';
      for (let c = 0; c < end; c++) {
        const cell = cells[c]!;
        if (cell.width === 0) continue; // the right half of a wide character
        if (cell.sgr !== sgr) {
          body += sgr ? '\x1b[0m' : '';
          body += cell.sgr ? `\x1b[${cell.sgr}m` : '';
          sgr = cell.sgr;
        }
        body += cell.chars || ' ';
      }
      if (sgr) body += '\x1b[0m';
      body += '\n';
    }
    return erase + Buffer.byteLength(body, 'utf8');
  }
}
