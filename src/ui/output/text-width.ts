// string-width's answer (the width Ink lays text out by) without its grapheme segmenter and
// emoji regular expressions for the text a dashboard mostly draws: Latin and Cyrillic
// letters, punctuation, arrows and box drawing, and the few signs the dashboard itself
// writes (№ − ≤ ≥ ✓ ✗), one cell each. The first call of string-width's emoji expression
// compiles it, about 30 ms of the first frame. Any other character (wide,
// combining, emoji, a control code) goes to string-width itself. Measuring is a fair share of
// a frame, and most of the first one, whose every text is new (BENCHMARKS.md, "Where it goes").
import stringWidth from 'string-width';
import { everyCharIn, type CharRanges } from '../text/char-ranges.js';

/**
 * Characters that string-width counts as one cell each, alone and next to one another: no
 * mark, joiner, selector or emoji-by-default among them (U+00AD, U+0483–0489, U+2028–202F,
 * U+205F– and U+25FD–25FF are left out). tests/unit/ui/output/text-width.test.ts checks every one.
 */
export const ONE_CELL_RANGES: CharRanges = [
  [0x0020, 0x007e],
  [0x00a0, 0x00ac],
  [0x00ae, 0x00ff],
  [0x0400, 0x0482],
  [0x048a, 0x04ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2116, 0x2116],
  [0x2190, 0x21ff],
  [0x2212, 0x2212],
  [0x2264, 0x2265],
  [0x2500, 0x25fc],
  [0x2713, 0x2713],
  [0x2717, 0x2717],
];

/** Every character of `text` is one of ONE_CELL_RANGES (one cell, never full-width). */
export const oneCellEach = everyCharIn(ONE_CELL_RANGES);

/** A colour code (SGR), every one in a text: for `replace`. */
// eslint-disable-next-line no-control-regex
export const SGR = /\u001b\[[0-9;]*m/g;

/** The cells `text` takes on a terminal, as string-width counts them. */
export function textWidth(text: string): number {
  if (oneCellEach(text)) return text.length;
  // Coloured text (a key line, a task row): string-width drops the colour codes, then
  // measures the rest; so does this when the rest is one-cell characters.
  if (text.includes('\u001b')) {
    const plain = text.replace(SGR, '');
    if (oneCellEach(plain)) return plain.length;
  }
  return stringWidth(text);
}
