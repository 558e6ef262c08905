// Whether every character of a text lies in a set of code point ranges, as one regular
// expression built once (graphemes.ts, output/text-width.ts).

/** Ranges of code points below U+10000, each from and to inclusive. */
export type CharRanges = readonly (readonly [number, number])[];

const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;

/** A test that every character of its text is in `ranges` (an empty text passes). */
export function everyCharIn(ranges: CharRanges): (text: string) => boolean {
  const pattern = new RegExp(`^[${ranges.map(([from, to]) => `${hex(from)}-${hex(to)}`).join('')}]*$`);
  return (text) => pattern.test(text);
}
