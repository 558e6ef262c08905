// The progress log as wrapped screen lines (pure), so the pane and its scroll keys agree
// on how many lines there are. In the details pane an entry's lines stay together: it
// shows whole entries, newest last, and scrolls by entries (logWindow).
import { stripControls } from '../../engine/text/sanitize.js';
import type { LogLine } from '../../engine/types.js';
import { formatClock, type TimeWords } from '../format.js';
import { cellWidth, wrapText } from '../text/cells.js';
import type { Glyphs, Tone } from '../theme.js';

export interface StyledLine {
  text: string;
  tone?: Tone;
  bold?: boolean;
}

const LEVEL_TONE: Record<LogLine['level'], Tone | undefined> = { info: undefined, warn: 'warning', error: 'error' };

/** One log entry: its time and level mark, its message wrapped under them. */
export type LogEntryLines = readonly StyledLine[];

export function runLogEntries(
  log: readonly LogLine[],
  width: number,
  words: TimeWords,
  glyphs: Glyphs,
  now: number,
): LogEntryLines[] {
  return log.map((line) => {
    const mark = line.level === 'error' ? glyphs.fail : line.level === 'warn' ? glyphs.warn : ' ';
    const prefix = `${formatClock(line.at, now, words, true)} ${mark} `;
    const indent = ' '.repeat(cellWidth(prefix));
    const body = wrapText(stripControls(line.message), Math.max(10, width - cellWidth(prefix)));
    const tone = LEVEL_TONE[line.level];
    return body.map((text, i) => ({ text: (i === 0 ? prefix : indent) + text, ...(tone ? { tone } : {}) }));
  });
}

export function runLogLines(
  log: readonly LogLine[],
  width: number,
  words: TimeWords,
  glyphs: Glyphs,
  now: number,
): StyledLine[] {
  return runLogEntries(log, width, words, glyphs, now).flat();
}

/**
 * The lines `height` rows show with the `scroll` newest entries hidden: whole entries only,
 * the newest last, older ones dropped whole when they do not fit. An entry taller than the
 * rows alone shows its beginning (its time, its first lines).
 */
export function logWindow(
  entries: readonly LogEntryLines[],
  scroll: number,
  height: number,
): { lines: StyledLine[]; entries: number } {
  const end = entries.length - Math.min(Math.max(0, scroll), entries.length);
  const shown: LogEntryLines[] = [];
  let used = 0;
  for (let i = end - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (used + entry.length > height) {
      if (shown.length === 0) return { lines: entry.slice(0, height), entries: 1 };
      break;
    }
    shown.unshift(entry);
    used += entry.length;
  }
  return { lines: shown.flat(), entries: shown.length };
}

/** The largest useful scroll: the entries hidden when the oldest entry is shown at the top. */
export function maxLogScroll(entries: readonly LogEntryLines[], height: number): number {
  let used = 0;
  let fit = 0;
  for (const entry of entries) {
    if (fit > 0 && used + entry.length > height) break;
    used += entry.length;
    fit++;
  }
  return entries.length - fit;
}
