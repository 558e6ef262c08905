// Keeps the first bytes of a body for the diagnostics and renders them as capped,
// redacted text. Memory stays at the cap whatever the body's size.
import type { Redactor } from './redact.js';

// Bytes kept past the cap so a secret straddling it is still redacted whole before the cut.
const REDACT_MARGIN = 1024;
const TEXTUAL =
  /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded|javascript|ecmascript|x-ndjson|graphql|yaml|x-yaml|csv))|json|xml/i;

export class BodyCapture {
  private readonly chunks: Uint8Array[] = [];
  private stored = 0;
  /** Every byte that went past, stored or not. */
  seen = 0;

  constructor(private readonly cap: number) {}

  add(chunk: Uint8Array): void {
    this.seen += chunk.byteLength;
    const room = this.cap + REDACT_MARGIN - this.stored;
    if (room <= 0) return;
    const part = chunk.slice(0, room);
    this.chunks.push(part);
    this.stored += part.byteLength;
  }

  /**
   * The body as stored text: redacted, at most `cap` bytes, and marked when cut.
   * `complete` says whether the body was read to its end; `declared` is its Content-Length.
   */
  render(
    redactor: Redactor,
    options: { complete: boolean; declared: number | null; contentType: string | null },
  ): string {
    const { complete, declared, contentType } = options;
    const total = complete ? this.seen : declared;
    if (contentType && !TEXTUAL.test(contentType)) {
      return `[binary body: ${total ?? `at least ${this.seen}`} bytes of ${contentType}]`;
    }
    const text = redactor.body(Buffer.concat(this.chunks).toString('utf8'));
    const shown = cutToBytes(text, this.cap);
    const shownBytes = Math.min(this.seen, this.cap);
    if (total !== null && total <= shownBytes && shown.length === text.length) return text;
    if (total !== null) return `${shown}...[truncated ${Math.max(total - shownBytes, 0)} bytes]`;
    return this.seen > shownBytes
      ? `${shown}...[truncated, more than ${this.seen - shownBytes} bytes]`
      : `${shown}...[not read to the end]`;
  }
}

/** The longest prefix of `text` that fits in `max` UTF-8 bytes, never splitting a character. */
export function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  return Buffer.from(text)
    .subarray(0, max)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
}

/** A Content-Length header's value as a number, when it is one. */
export function declaredLength(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

/**
 * A body's recording ends once, whichever comes first (its end, a read error, a cancel, the
 * run giving up on it): `end` runs `last` then, and `done` resolves after it.
 */
export class BodyEnding {
  finished = false;
  readonly done: Promise<void>;
  private markDone: () => void = () => {};

  constructor(private readonly last: (complete: boolean, error: string | null) => void) {
    this.done = new Promise<void>((resolve) => (this.markDone = resolve));
  }

  readonly end = (complete: boolean, error: string | null): void => {
    if (this.finished) return;
    this.finished = true;
    this.last(complete, error);
    this.markDone();
  };
}
