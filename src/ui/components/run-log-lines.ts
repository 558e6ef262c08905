// The progress log as wrapped screen lines (pure), so the pane and its scroll keys agree
// on how many lines there are.
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

export function runLogLines(log: readonly LogLine[], width: number, words: TimeWords, glyphs: Glyphs, now: number): StyledLine[] {
  const out: StyledLine[] = [];
  for (const line of log) {
    const mark = line.level === 'error' ? glyphs.fail : line.level === 'warn' ? glyphs.warn : ' ';
    const prefix = `${formatClock(line.at, now, words, true)} ${mark} `;
    const indent = ' '.repeat(cellWidth(prefix));
    const body = wrapText(stripControls(line.message), Math.max(10, width - cellWidth(prefix)));
    const tone = LEVEL_TONE[line.level];
    body.forEach((text, i) => out.push({ text: (i === 0 ? prefix : indent) + text, ...(tone ? { tone } : {}) }));
  }
  return out;
}
