// A line of Ink's text as the styled characters ansi-tokenize makes of it, with their widths,
// for src/ui/output/ink-output.ts. A changed row of a busy screen is mostly unchanged text
// (a countdown moved): the line is cut at its colour codes and each piece of text, in its
// style, is taken from the last frames when they had it.
import {
  reduceAnsiCodesIncremental,
  styledCharsFromTokens,
  tokenize,
  type AnsiCode,
  type StyledChar,
} from '@alcalzone/ansi-tokenize';
import { FrameMemo, SmallMemo } from './frame-memo.js';
import { oneCellEach, textWidth } from './text-width.js';

/** A character and the cells it covers. */
export interface Cell {
  char: StyledChar;
  width: number;
}

export type Styles = StyledChar['styles'];
export const NO_STYLES: Styles = [];
const UNREAD: Styles = [];

const widths = new FrameMemo<number>();
const lines = new FrameMemo<Cell[]>();
const pieces = new FrameMemo<Cell[]>();
/** The styles after a code, by the styles before it: one array for each style met. */
const stylesAfter = new SmallMemo<Styles>(2_000);
const keyOf = new WeakMap<Styles, string>([[NO_STYLES, '']]);

export const widthOf = (text: string) => widths.get(text, textWidth);

// Here and below, indexed loops rather than callbacks and iterators: these run for every
// character of every changed row, and until V8 optimises them each callback or iterator
// step is an object to collect (BENCHMARKS.md, "Where it goes", session 8).
export function sameStyles(a: Styles, b: Styles): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}

/**
 * Every styled character is made by this one object literal: the tokenizer's own objects (an
 * object spread) each get a hidden class of their own, about 250 bytes more per character
 * (BENCHMARKS.md, "Where it goes").
 */
const charOf = (value: string, fullWidth: boolean, styles: Styles): StyledChar => ({
  type: 'char',
  value,
  fullWidth,
  styles,
});

// eslint-disable-next-line no-control-regex
const SGR_PIECES = /(\u001b\[[0-9;]*m)/;
/**
 * A character that joins the one before it (a combining mark, a joiner, a skin tone, Thai
 * and Lao AM, which are neither): ansi-tokenize's segmentation then runs across the colour
 * code before it, so such a piece is not read on its own.
 */
const JOINS = /^[\p{Grapheme_Extend}\p{Mc}\p{Emoji_Modifier}\u200d\u0e33\u0eb3]/u;
/** ESC, and the one-byte CSI that ansi-tokenize also reads as the start of a code. */
// eslint-disable-next-line no-control-regex
export const ESCAPES = /[\u001b\u009b]/;

/** A line's characters and widths, as styledCharsFromTokens(tokenize(line)) gives them. */
export const cellsOf = (line: string): Cell[] => lines.get(line, cut);

/** A line's styled characters; a run of characters that look the same shares one styles array. */
export const styledLine = (line: string): StyledChar[] => cellsOf(line).map((cell) => cell.char);

function cut(line: string): Cell[] {
  // Text, code, text, code, ...; an escape that is not a colour code: the whole line at once.
  const parts = line.split(SGR_PIECES);
  if (parts.some((part, i) => i % 2 === 0 && (ESCAPES.test(part) || (i > 0 && JOINS.test(part))))) return whole(line);
  // At most a cell per UTF-16 unit of the line: written by index, then cut to length.
  const cells = new Array<Cell>(line.length);
  let n = 0;
  let styles: Styles | null = NO_STYLES;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) styles = after(styles, part);
    else if (part) n = pieceInto(part, styles, cells, n);
    if (styles === null) return whole(line);
  }
  cells.length = n;
  return cells;
}

/** The styles after a colour code; null if ansi-tokenize does not read it as codes only. */
function after(styles: Styles, code: string): Styles | null {
  const before = keyOf.get(styles)!;
  const next = stylesAfter.get(`${before}\u0000${code}`, () => {
    const tokens = tokenize(code);
    if (!tokens.every((t): t is AnsiCode => t.type === 'ansi')) return UNREAD;
    const reduced = reduceAnsiCodesIncremental(styles, tokens);
    keyOf.set(reduced, reduced.map((c) => c.code).join(''));
    return reduced;
  });
  return next === UNREAD ? null : next;
}

/**
 * Characters that are each one grapheme whatever stands beside them (no joining marks, no
 * surrogates, no tabs or other controls, no Hangul jamo): printable ASCII, Latin, Greek,
 * Cyrillic, punctuation, arrows, box drawing, blocks and symbols. A piece of only these
 * is read character by character, each character of each style once.
 */
const SINGLE =
  /^[\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2190-\u23ff\u2500-\u27bf]*$/;
const singles = new WeakMap<Styles, Map<string, Cell>>();

/** Writes the cells of `text` in `styles` into `cells` from index `n`; returns the index after them. */
function pieceInto(text: string, styles: Styles, cells: Cell[], n: number): number {
  if (!SINGLE.test(text)) {
    const piece = joinedPieceOf(text, styles);
    for (let c = 0; c < piece.length; c++) cells[n++] = piece[c]!;
    return n;
  }
  let known = singles.get(styles);
  if (!known) singles.set(styles, (known = new Map<string, Cell>()));
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    const ch = code > 0xffff ? text.slice(i, i + 2) : text[i]!;
    i += ch.length;
    let cell = known.get(ch);
    if (!cell) {
      // A one-cell character is what ansi-tokenize makes of it without asking: its grapheme
      // segmenter costs the first frame ICU's rules when the engine's thread has not built them yet.
      cell = oneCellEach(ch) ? { char: charOf(ch, false, styles), width: 1 } : joinedPieceOf(ch, styles)[0]!;
      if (known.size < 2_000) known.set(ch, cell);
    }
    cells[n++] = cell;
  }
  return n;
}

const joinedPieceOf = (text: string, styles: Styles) =>
  pieces.get(`${keyOf.get(styles)!}\u0000${text}`, () =>
    styledCharsFromTokens(tokenize(text)).map((char) => ({
      char: charOf(char.value, char.fullWidth, styles),
      width: Math.max(1, widthOf(char.value)),
    })),
  );

/** The line in one piece (other escapes than colour codes). */
function whole(line: string): Cell[] {
  let styles = NO_STYLES;
  return styledCharsFromTokens(tokenize(line)).map((char) => {
    if (!sameStyles(char.styles, styles)) styles = char.styles;
    return { char: charOf(char.value, char.fullWidth, styles), width: Math.max(1, widthOf(char.value)) };
  });
}
