// The dashboard's way to the terminal (docs/ARCHITECTURE.md, Terminal output over SSH).
// Ink renders whole frames into `stream`, which never reaches the terminal; each frame
// becomes a grid of cells, and the terminal is sent only the cells that differ from what it
// shows. Frames are anchored at the top-left of the alternate screen, at most rows − 1
// lines. After a resize (the terminal has cropped or shifted what it showed) and on Ctrl+L
// every cell is drawn again. While the terminal has not taken the last update, frames are
// not queued: the newest one is sent once it has.
import { cellWidth } from '../text/cells.js';
import { frameUpdate, type Pen } from './frame-diff.js';
import { blankRow, parseLine, type Row } from './grid.js';
import { inkFrameLines } from './ink-frames.js';
import { PLAIN } from './style.js';
import { terminalWriter } from './terminal-writer.js';

const HIDE_CURSOR = '\u001b[?25l';
const RESET_ATTRIBUTES = '\u001b[m';
// Synchronized output: terminals that know it show the update at once, others ignore it.
const BEGIN_SYNC = '\u001b[?2026h';
const END_SYNC = '\u001b[?2026l';
/** Updates larger than this (or whole repaints) are wrapped in synchronized-output marks. */
const SYNC_FROM_BYTES = 1024;
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;:?]*[A-Za-z]/g;

interface Size {
  columns: number;
  rows: number;
}

const sizeOf = (stdout: NodeJS.WriteStream): Size => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });

/** Whether a frame was laid out for a terminal of this size: at most rows − 1 lines, each narrower than the width. */
export function frameFits(lines: readonly string[], size: Size): boolean {
  return (
    lines.length <= size.rows - 1 && lines.every((line) => cellWidth(line.replace(ESCAPES, '')) <= size.columns - 1)
  );
}

export interface FrameOutput {
  /** What Ink is given as its stdout: the real terminal's size and events, with writes taken as frames. */
  stream: NodeJS.WriteStream;
  /** Draws every cell again (Ctrl+L: something else wrote over the screen). */
  repaint(): void;
  /** Stops drawing and gives the terminal back its blocking writes. Idempotent. */
  dispose(): void;
}

export interface FrameOutputOptions {
  /** Sees every frame Ink draws, as Ink drew it (tests compare the terminal with it). */
  onFrame?: (lines: readonly string[]) => void;
}

/** `stdout` shows the alternate screen, blank, cursor at home (terminal-screen.ts entered it). */
export function frameOutput(stdout: NodeJS.WriteStream, options: FrameOutputOptions = {}): FrameOutput {
  const writer = terminalWriter(stdout);
  let size = sizeOf(stdout);
  let blank = blankRow(size.columns);
  /** What the terminal shows once the updates sent so far arrive; null: not known, draw every cell. */
  let shown: Row[] | null = Array.from({ length: size.rows }, () => blank);
  /** The newest frame, and the Ink lines it came from (unchanged lines keep their parsed row). */
  let latest: Row[] | null = null;
  let latestLines: readonly string[] = [];
  let awaitingFit = false;
  let prefix = HIDE_CURSOR;
  let disposed = false;
  const pen: Pen = { cursor: { row: 0, col: 0 }, style: PLAIN };

  const toRows = (lines: readonly string[]): Row[] => {
    const rows: Row[] = [];
    for (let r = 0; r < size.rows; r++) {
      // The last row stays empty: a frame as tall as the screen would scroll it.
      const line = r < size.rows - 1 ? lines[r] : undefined;
      if (line === undefined || line === '') rows.push(blank);
      else if (latest && line === latestLines[r]) rows.push(latest[r]!);
      else rows.push(parseLine(line, size.columns));
    }
    return rows;
  };

  const flush = () => {
    if (disposed || !latest || stdout.destroyed) return;
    if (shown === latest && prefix === '') return; // the terminal has it already
    if (writer.busy) return; // sent when the terminal has taken what it was sent (onIdle)
    // The first move of an update is absolute: output from elsewhere may have moved the cursor.
    pen.cursor = null;
    const whole = shown === null;
    // A whole repaint also starts from plain attributes: whatever wrote over the screen may have changed them.
    const reset = whole ? RESET_ATTRIBUTES : '';
    if (whole) pen.style = PLAIN;
    let update = reset + frameUpdate(shown, latest, size.columns, pen);
    shown = latest;
    if (update === '' && prefix === '') return;
    if (whole || update.length > SYNC_FROM_BYTES) update = BEGIN_SYNC + update + END_SYNC;
    writer.write(prefix + update);
    prefix = '';
  };
  writer.onIdle = flush;

  const onFrame = (lines: string[]) => {
    // Frames Ink draws for the old size right after a resize are dropped until one fits.
    if (awaitingFit && !frameFits(lines, size)) return;
    awaitingFit = false;
    latest = toRows(lines);
    latestLines = lines;
    flush();
  };

  const onResize = () => {
    const next = sizeOf(stdout);
    if (next.columns === size.columns && next.rows === size.rows) return;
    size = next;
    blank = blankRow(size.columns);
    shown = null;
    latest = null;
    latestLines = [];
    awaitingFit = true;
  };
  // Registered before Ink's own listener, so the new size is known when Ink redraws on resize.
  stdout.on('resize', onResize);

  const write = (chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean => {
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    const lines = disposed ? null : inkFrameLines(text);
    if (lines) {
      options.onFrame?.(lines);
      onFrame(lines);
    }
    // Ink waits for its last write before it reports the exit: never make it wait for the terminal.
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };

  const stream = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

  return {
    stream,
    repaint() {
      shown = null;
      prefix = HIDE_CURSOR;
      flush();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      stdout.off('resize', onResize);
      writer.restore();
    },
  };
}
