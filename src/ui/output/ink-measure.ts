// Ink's measure-text.js and its renderer's widest-line, with the memory of src/ui/output/
// frame-memo.ts. Ink measures every text node's width on every frame (string-width: a
// grapheme segmenter and emoji regexes per line) and keeps every text it ever measured in a
// map that only grows: a busy dashboard's countdowns add thirty texts a second, all day.
// Here a text is measured once while the frames keep showing it, and forgotten two frames
// after. The bundle puts these in place of Ink's (scripts/build.mjs); same numbers
// (tests/unit/ui/ink-output.test.ts).
import { FrameMemo } from './frame-memo.js';
import { widthOf } from './styled-cells.js';

const widest = new FrameMemo<number>();
const measured = new FrameMemo<{ width: number; height: number }>();

/** The widest line's width, as the widest-line package gives it. */
export function widestLine(text: string): number {
  return widest.get(text, (t) => t.split('\n').reduce((w, line) => Math.max(w, widthOf(line)), 0));
}

/** Ink's measureText: the text's width and its number of lines. */
export default function measureText(text: string): { width: number; height: number } {
  if (text.length === 0) return { width: 0, height: 0 };
  return measured.get(text, (t) => ({ width: widestLine(t), height: t.split('\n').length }));
}
