// Splits a byte stream into text lines, with a bound on how long one line may grow.
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private cut = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineChars = 16 * 1024,
  ) {}

  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.append(text.slice(start, nl));
      this.emit();
      start = nl + 1;
    }
    this.append(text.slice(start));
  }

  /** The last line, when the stream ended without a newline. */
  end(): void {
    this.append(this.decoder.end());
    if (this.partial !== '' || this.cut) this.emit();
  }

  private append(text: string): void {
    if (this.cut) return;
    this.partial += text;
    if (this.partial.length > this.maxLineChars) {
      this.partial = this.partial.slice(0, this.maxLineChars);
      this.cut = true;
    }
  }

  private emit(): void {
    const line = this.partial.replace(/\r$/, '');
    const wasCut = this.cut;
    this.partial = '';
    this.cut = false;
    this.onLine(wasCut ? `${line}...[line cut at ${this.maxLineChars} characters]` : line);
  }
}

/** Keeps the last `cap` bytes of a stream (stderr), and how many there were in all. */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private held = 0;
  total = 0;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.held += chunk.length;
    while (this.chunks.length > 1 && this.held - this.chunks[0]!.length >= this.cap)
      this.held -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return all
      .subarray(Math.max(0, all.length - this.cap))
      .toString('utf8')
      .replace(/^\uFFFD+/, '');
  }

  get truncated(): boolean {
    return this.total > this.cap;
  }
}
