// src/ui/text/graphemes.ts: the segmenter Ink's text libraries get in the bundle must cut
// every text exactly as ICU's does, with or without asking ICU.
import { describe, expect, it } from 'vitest';
import { graphemeSegmenter, standsAlone, STANDALONE_RANGES } from '../../../src/ui/text/graphemes.js';

interface Segment {
  segment: string;
  index: number;
  input: string;
}
interface Segmenter {
  segment(text: string): Iterable<Segment> & { containing(index?: number): Segment | undefined };
}

const icu: Segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const cut = (segments: Iterable<Segment>) =>
  Array.from(segments, ({ segment, index, input }) => ({ segment, index, input }));

/** A segmenter's answers for `text`: the segments in order, and the one containing each index. */
function answers(segmenter: Segmenter, text: string) {
  const segments = segmenter.segment(text);
  const containing = [-1, ...Array.from({ length: text.length + 1 }, (_, i) => i)].map((i) => {
    const s = segments.containing(i);
    return s && { segment: s.segment, index: s.index };
  });
  return { all: cut(segments), containing };
}

const codePoints = STANDALONE_RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)),
);

describe('graphemes: graphemeSegmenter', () => {
  it('cuts text of standalone code points as ICU does: each one alone, beside letters, itself, colour codes and ESC', () => {
    const differ: string[] = [];
    for (const c of codePoints) {
      for (const text of [c, `a${c}b`, `${c}${c}`, `\u001b[31m${c}\u001b[39m${c}`, `${c}\u001b`]) {
        expect(standsAlone(text)).toBe(true);
        if (JSON.stringify(answers(graphemeSegmenter, text)) !== JSON.stringify(answers(icu, text)))
          differ.push(`U+${c.codePointAt(0)!.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('leaves to ICU text that joins code points: combining marks, emoji sequences, flags, Hangul, CR LF', () => {
    const joined = [
      'e\u0301',
      '👨‍👩‍👧',
      '⚠️',
      '1️⃣',
      '👍🏽',
      '🇫🇷',
      '\u1100\u1161',
      'a\r\nb',
      'й',
      'и\u0306',
      '\u0915\u094d\u0937',
    ];
    for (const text of joined) {
      expect(standsAlone(text)).toBe(text === 'й');
      expect(answers(graphemeSegmenter, text)).toEqual(answers(icu, text));
    }
    expect(cut(graphemeSegmenter.segment('e\u0301x'))).toHaveLength(2);
  });

  it('answers for dashboard text, Cyrillic task names and box drawing without ICU', () => {
    const line = '\u001b[1mЗвонки из телефонии\u001b[22m · ▶ running 3s │ ✔ ok — 12:04 ↑↓ €';
    expect(standsAlone(line)).toBe(true);
    expect(answers(graphemeSegmenter, line)).toEqual(answers(icu, line));
  });

  it('no code point that joins its neighbours is counted as standalone', () => {
    // A sample of every class UAX #29 joins on: Extend, ZWJ, SpacingMark, Prepend, Hangul,
    // Regional_Indicator, CR, and the variation selectors.
    for (const code of [
      0x0d, 0x300, 0x36f, 0x483, 0x489, 0x200c, 0x200d, 0x20e3, 0xfe0f, 0x903, 0x600, 0x1100, 0xac00, 0x1f1e6, 0x1f3fb,
    ])
      expect(standsAlone(String.fromCodePoint(code)), `U+${code.toString(16)}`).toBe(false);
  });
});
