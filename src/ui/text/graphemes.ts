// A grapheme segmenter that asks ICU only about text where it matters. Ink's slice-ansi,
// ansi-tokenize and string-width each cut text into graphemes with an Intl.Segmenter, and a
// thread's first ICU segmenter waits for ICU's rules: 6–30 ms of the screen's first frame
// here. In text whose every code point stands alone (STANDALONE_RANGES), every code point is
// a grapheme of its own, and the answer needs no ICU. The bundle gives those libraries this
// segmenter (scripts/build.mjs; docs/ARCHITECTURE.md, "The screen script").
import { everyCharIn, type CharRanges } from './char-ranges.js';

/**
 * Code points that Unicode's grapheme rules (UAX #29) never join to a neighbour: no Extend,
 * ZWJ, SpacingMark, Prepend, Hangul or Regional_Indicator among them, and no CR (which joins
 * a following LF). ESC is a Control, a boundary on both sides. Printable ASCII; Latin;
 * Greek; Cyrillic without its combining marks; dashes and punctuation; currency signs; letterlike
 * signs (№), number forms, arrows, mathematical and technical signs, enclosed numbers; box
 * drawing, blocks, shapes, symbols and dingbats. The
 * Extended_Pictographic ones among them (✔ ▶ ⏰) join others only through a ZWJ, which is
 * not here. tests/unit/ui/text/graphemes.test.ts holds each of them to ICU.
 */
export const STANDALONE_RANGES: CharRanges = [
  [0x1b, 0x1b],
  [0x20, 0x7e],
  [0xa0, 0x2ff],
  [0x370, 0x482],
  [0x48a, 0x52f],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20a0, 0x20c0],
  [0x2100, 0x27bf],
];

/** Whether every code point of `text` is a grapheme of its own. */
export const standsAlone = everyCharIn(STANDALONE_RANGES);

interface Segment {
  segment: string;
  index: number;
  input: string;
}

interface Segments extends Iterable<Segment> {
  containing(index?: number): Segment | undefined;
}

/** Each code unit of a text as a segment (every code point in STANDALONE_RANGES is one), as Intl's `segment()` gives them. */
class CodeUnitSegments implements Segments {
  constructor(private readonly input: string) {}

  containing(index = 0): Segment | undefined {
    const at = Math.trunc(index);
    if (!(at >= 0 && at < this.input.length)) return undefined;
    return { segment: this.input[at]!, index: at, input: this.input };
  }

  *[Symbol.iterator](): Iterator<Segment> {
    const input = this.input;
    for (let i = 0; i < input.length; i++) yield { segment: input[i]!, index: i, input };
  }
}

let icu: Intl.Segmenter | undefined;

/** Graphemes as `new Intl.Segmenter(undefined, { granularity: 'grapheme' })` gives them. */
export const graphemeSegmenter = {
  segment(text: string): Segments {
    if (standsAlone(text)) return new CodeUnitSegments(text);
    icu ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    return icu.segment(text);
  },
};
