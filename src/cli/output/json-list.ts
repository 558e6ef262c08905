// A long JSON array written item by item: the very text printJson(items.map(toJson)) writes
// (docs/cli.md, JSON shapes: the shape is a contract), without ever holding all of it.
// `status --json` on 500 tasks is 1.6 MB of text: built whole, the JSON objects of every
// task, the text and its UTF-8 copy were all alive at once (GC and fresh memory for each);
// here each item's objects and text are garbage before the next is made, and the output
// goes out in chunks of about CHUNK characters (BENCHMARKS.md, Where it goes).
import { asciiLocale } from '../../engine/text/ascii.js';
import { writeJsonText } from './json.js';

/** Characters per write: a few pipe buffers, not one write per item. */
const CHUNK = 64 * 1024;

export function printJsonList<T>(
  items: readonly T[],
  toJson: (item: T) => unknown,
  /** Where the text goes (tests); stdout by default, as writeJsonText's. */
  write?: (chunk: string | Uint8Array) => void,
): void {
  const ascii = asciiLocale(process.env);
  // Each chunk escaped as printJson escapes the whole (only a chunk that needs it).
  const flush = (text: string) => writeJsonText(text, ascii, write);
  if (items.length === 0) {
    flush('[]\n');
    return;
  }
  let chunk = '[\n';
  for (let i = 0; i < items.length; i++) {
    // An item inside a one-item array is indented as it is inside the whole array:
    // "[\n  {…}\n]" without its first and last two characters is the item's text.
    const one = JSON.stringify([toJson(items[i]!)], null, 2);
    chunk += i === 0 ? one.slice(2, -2) : `,\n${one.slice(2, -2)}`;
    if (chunk.length >= CHUNK) {
      flush(chunk);
      chunk = '';
    }
  }
  flush(`${chunk}\n]\n`);
}
