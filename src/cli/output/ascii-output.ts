// Under a locale that is not UTF-8 (LANG=C, a bare `ssh host syncdeck status` on a server
// whose default locale is POSIX) every character the command line writes is ASCII:
// typographic punctuation in its messages, in the usage text, in config errors and in
// text stored by older versions (an em dash, "…") is replaced before it is written. The
// dashboard does not go through here: its catalogue and glyphs are ASCII already, and
// Ink must measure exactly what it writes.
import { toAsciiPunctuation } from '../../engine/text/ascii.js';

/** Every string later written to these streams has its typography replaced by ASCII. */
export function asciiOnlyOutput(...streams: NodeJS.WritableStream[]): void {
  for (const stream of streams) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = (chunk: unknown, ...rest: unknown[]) =>
      write(typeof chunk === 'string' ? toAsciiPunctuation(chunk) : chunk, ...rest);
  }
}
