// Terminal cell widths, so our own table rendering can pad and cut every cell exactly
// (Ink's own truncation always adds "…", which the ASCII fallback must not show).
// Plain text is measured a code point at a time; an emoji sequence (see below) as string-width,
// the measure Ink's layout uses, measures it (docs/terminal.md, "Locale and characters").
import stringWidth from 'string-width';

const ZERO_WIDTH: readonly [number, number][] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xe0000, 0xe0fff],
];
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

// Indexed loops: the screen measures every character of every changed row, and a
// destructuring callback allocates an iterator per range until V8 optimises it.
function inRanges(code: number, ranges: readonly [number, number][]): boolean {
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (code >= range[0] && code <= range[1]) return true;
  }
  return false;
}

/** Below the first zero-width range every character is one cell. */
const FIRST_SPECIAL = ZERO_WIDTH[0]![0];

/**
 * Emoji drawn as emoji without a selector (🚀 ✅ ⏰ ⚡): two cells in string-width, in Ink's
 * layout and in every terminal since Unicode 9. None is below U+231A. Regional indicators
 * stay one cell each: string-width counts a flag (two of them) as two.
 */
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const FIRST_EMOJI = 0x231a;

export function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < FIRST_SPECIAL) return 1;
  if (inRanges(code, ZERO_WIDTH)) return 0;
  if (inRanges(code, WIDE)) return 2;
  const regionalIndicator = code >= 0x1f1e6 && code <= 0x1f1ff;
  return code >= FIRST_EMOJI && !regionalIndicator && EMOJI_PRESENTATION.test(char) ? 2 : 1;
}

/**
 * Code points that join others into one emoji drawn in one or two cells: the zero-width joiner
 * (👨‍👩‍👧), the emoji selector (⚠️), the keycap (1️⃣), skin tones (👍🏽) and tags (🏴󠁧󠁢󠁥󠁮󠁧󠁿).
 * Text holding one is measured a grapheme at a time.
 */
function isJoiner(code: number): boolean {
  return (
    code === 0x200d ||
    code === 0xfe0f ||
    code === 0x20e3 ||
    (code >= 0x1f3fb && code <= 0x1f3ff) ||
    (code >= 0xe0020 && code <= 0xe007f)
  );
}

function hasJoiner(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (code >= FIRST_SPECIAL && isJoiner(code)) return true;
  }
  return false;
}

/** An emoji sequence: more than one code point, joined (👨‍👩‍👧 ⚠️ 1️⃣ 👍🏽). */
export function isEmojiSequence(text: string): boolean {
  return !isOneCodePoint(text) && hasJoiner(text);
}

const isOneCodePoint = (text: string) => text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff);

let segmenter: Intl.Segmenter | undefined;
const MAX_SEGMENTED = 4096;

/** The units a cut may not split: graphemes where `text` holds an emoji sequence, else code points. */
function unitsOf(text: string): Iterable<string> {
  // A text longer than a screen of rows is no name or message line anyone reads whole; its
  // graphemes would cost more than it is worth (ICU's segmenter is not linear).
  if (text.length > MAX_SEGMENTED || !hasJoiner(text)) return text;
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The cells one unit of `unitsOf` takes. */
export function unitWidth(unit: string): number {
  if (isOneCodePoint(unit)) return charWidth(unit);
  if (hasJoiner(unit)) return stringWidth(unit);
  let width = 0;
  for (const char of unit) width += charWidth(char);
  return width;
}

export function cellWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++; // the second half of a surrogate pair
    if (code < FIRST_SPECIAL) width++;
    else if (isJoiner(code) && text.length <= MAX_SEGMENTED) return emojiAwareWidth(text);
    else width += charWidth(String.fromCodePoint(code));
  }
  return width;
}

function emojiAwareWidth(text: string): number {
  let width = 0;
  for (const unit of unitsOf(text)) width += unitWidth(unit);
  return width;
}

const EMOJI_MODIFIER_BASE = /\p{Emoji_Modifier_Base}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

/**
 * Whether the terminal draws `char` in the same cells as `cluster`, the text before it: a
 * combining mark, a selector or a tag; a skin tone after an emoji that takes one; an emoji
 * after a zero-width joiner.
 */
export function joinsCluster(cluster: string, char: string): boolean {
  if (charWidth(char) === 0) return true;
  const code = char.codePointAt(0)!;
  if (code >= 0x1f3fb && code <= 0x1f3ff) return EMOJI_MODIFIER_BASE.test(cluster);
  return cluster.endsWith('\u200d') && PICTOGRAPHIC.test(char);
}

/** Cuts `text` to at most `width` cells, ending with `ellipsis` when something was cut. */
export function truncate(text: string, width: number, ellipsis: string): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  const room = Math.max(0, width - cellWidth(ellipsis));
  let out = '';
  let used = 0;
  for (const unit of unitsOf(text)) {
    const w = unitWidth(unit);
    if (used + w > room) break;
    out += unit;
    used += w;
  }
  return cellWidth(ellipsis) <= width ? out + ellipsis : out;
}

/** Exactly `width` cells: cut (with ellipsis) or padded with spaces on the right. */
export function padCells(text: string, width: number, ellipsis: string): string {
  const cut = truncate(text, width, ellipsis);
  return cut + ' '.repeat(Math.max(0, width - cellWidth(cut)));
}

/** Exactly `width` cells, padded on the left (numbers, percentages). */
export function fitRight(text: string, width: number, ellipsis: string): string {
  const cut = truncate(text, width, ellipsis);
  return ' '.repeat(Math.max(0, width - cellWidth(cut))) + cut;
}

/** Hard-wraps one line of text into lines of at most `width` cells, breaking at spaces when it can. */
export function wrapLine(text: string, width: number): string[] {
  if (width <= 0) return [''];
  if (cellWidth(text) <= width) return [text];
  // Units and widths once: a line of untrusted text may be long, and each line cut from it
  // must not measure the rest again.
  const units = [...unitsOf(text)];
  const widths = units.map(unitWidth);
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    let used = 0;
    let end = start;
    let lastSpace = -1;
    while (end < units.length && used + widths[end]! <= width) {
      used += widths[end]!;
      if (units[end] === ' ') lastSpace = end;
      end++;
    }
    if (end >= units.length) break;
    if (end === start) {
      lines.push('');
      break;
    }
    const breakAt = lastSpace >= 0 && lastSpace - start > width / 3 ? lastSpace : end;
    lines.push(units.slice(start, breakAt).join('').trimEnd());
    start = breakAt;
    if (units[start] === ' ') start++;
  }
  lines.push(units.slice(start).join(''));
  return lines;
}

/** Splits text on newlines (tabs expanded) and wraps every line to `width`. */
export function wrapText(text: string, width: number): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .split('\n')
    .flatMap((line) => wrapLine(line, width));
}
