// The terminal stream as Ink sees it. Two corrections to Ink 6.8, both needed for a
// dashboard that must stay right over SSH:
//
// 1. Ink moves the cursor relative to where it believes the last frame ended, and with
//    incremental rendering that belief is one row off whenever the frame is shorter than
//    the screen (it assumes the cursor sits on the last line; after the frame's final
//    newline it sits below it), so every update lands one row lower. Our frames always
//    start at the top-left of the alternate screen: Ink's relative "go back up" prelude is
//    replaced by an absolute home position, and what lies below the frame is cleared.
// 2. After a resize the terminal has cropped or shifted what was on screen, so the next
//    frame must be drawn whole. Until one is, Ink is told the screen is one row high,
//    which sends it down its full-repaint path; frames still laid out for the old size
//    (Ink redraws the old tree on resize, before React has re-rendered) are dropped.

import { cellWidth } from './text/cells.js';

const ESC = '\u001b';
/** Ink's prelude: erase-lines, cursor-up and column-1 moves, or its full clear. */
// eslint-disable-next-line no-control-regex
const PRELUDE = /^(?:\u001b\[2K|\u001b\[\d*A|\u001b\[1?G|\u001b\[2J|\u001b\[3J|\u001b\[H)+/;
const HOME = `${ESC}[H`;
const ERASE_LINE_END = `${ESC}[K`;
const ERASE_BELOW = `${ESC}[J`;
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]/g;

interface Frame {
  body: string;
  /** A whole frame (Ink erased or cleared first), as opposed to changed lines only. */
  whole: boolean;
}

function parseFrame(chunk: string): Frame | null {
  const prelude = PRELUDE.exec(chunk)?.[0] ?? '';
  if (!prelude && !chunk.includes('\n')) return null;
  const body = chunk.slice(prelude.length);
  return { body, whole: !body.includes(ERASE_LINE_END) };
}

/** Rewrites one chunk that Ink writes; other chunks (cursor show/hide, synchronized-output marks) pass unchanged. */
export function anchorFrame(chunk: string): string {
  const frame = parseFrame(chunk);
  if (!frame) return chunk;
  // Only erasing (Ink clearing its last frame before a full repaint): the repaint erases
  // every line it writes, so nothing needs to go out now.
  if (!frame.body) return '';
  const body = frame.whole
    ? frame.body.replace(/\n/g, `${ERASE_LINE_END}\n`) + (frame.body.endsWith('\n') ? '' : ERASE_LINE_END)
    : compressLineSkips(frame.body);
  return HOME + body + ERASE_BELOW;
}

const NEXT_LINE = `${ESC}[E`;
const NEXT_LINE_RUN = new RegExp(`(?:${ESC}\\[E)+`, 'g');

/** Ink steps over each unchanged line with its own "next line"; one counted move does the same in a few bytes. */
export function compressLineSkips(body: string): string {
  return body.replace(NEXT_LINE_RUN, (run) => {
    const n = run.length / NEXT_LINE.length;
    return n === 1 ? run : `${ESC}[${n}E`;
  });
}

/** Whether a whole frame fits a terminal of this size (at most rows − 1 lines, each narrower than the width). */
export function frameFits(chunk: string, columns: number, rows: number): boolean {
  const frame = parseFrame(chunk);
  if (!frame) return true;
  const lines = frame.body.replace(/\n$/, '').split('\n');
  return lines.length <= rows - 1 && lines.every((line) => cellWidth(line.replace(ESCAPES, '')) <= columns - 1);
}

export interface AnchoredOutput {
  stream: NodeJS.WriteStream;
  dispose(): void;
}

export function anchoredOutput(stdout: NodeJS.WriteStream): AnchoredOutput {
  let repaint = false;
  const onResize = () => {
    repaint = true;
  };
  // Registered before Ink's own listener, so the flag is up when Ink redraws on resize.
  stdout.on('resize', onResize);

  const write = (chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean => {
    let text = chunk;
    const frame = typeof chunk === 'string' ? parseFrame(chunk) : null;
    if (typeof chunk === 'string' && frame) {
      if (repaint && !frameFits(chunk, stdout.columns || 80, stdout.rows || 24)) text = '';
      else {
        if (repaint && frame.whole && frame.body) repaint = false;
        text = anchorFrame(chunk);
      }
    }
    return (stdout.write as (...args: unknown[]) => boolean)(text, encodingOrCallback, callback);
  };

  const stream = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      if (property === 'rows' && repaint) return 1;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { stream, dispose: () => stdout.off('resize', onResize) };
}
