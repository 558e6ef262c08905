// A fake terminal for tests that drive startDashboard: an output stream that says it is a
// TTY and records every write, and an input stream in raw mode that the test types into.
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { untilQuiet } from './quiet.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeTtyOutput extends Writable {
  readonly isTTY = true;
  readonly chunks: string[] = [];
  /** Sees every chunk as it is written (e.g. to feed a terminal emulator). */
  onChunk: ((chunk: string) => void) | null = null;
  /** While stalled, writes are taken but not finished: the terminal stopped reading. */
  private stalled: (() => void)[] | null = null;

  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = chunk.toString();
    this.chunks.push(text);
    this.onChunk?.(text);
    if (this.stalled) this.stalled.push(() => callback());
    else callback();
  }

  /** The reader stops reading: writes stay unfinished (writableLength > 0) until resume(). */
  stall(): void {
    this.stalled ??= [];
  }

  resume(): void {
    const waiting = this.stalled ?? [];
    this.stalled = null;
    for (const done of waiting) done();
  }

  get text(): string {
    return this.chunks.join('');
  }

  bytesSince(chunkIndex: number): number {
    return Buffer.byteLength(this.chunks.slice(chunkIndex).join(''));
  }

  /** Resolves once the text written so far passes `check`; fails after `timeoutMs`. */
  async waitFor(check: string | ((text: string) => boolean), timeoutMs = 5_000): Promise<void> {
    const ok = typeof check === 'string' ? (text: string) => text.includes(check) : check;
    const deadline = Date.now() + timeoutMs;
    while (!ok(this.text)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(check)} on the terminal`);
      await tick(5);
    }
  }

  /** Resolves once nothing has been written for `quietMs`: the frames in flight are all out. */
  async settled(quietMs = 150, timeoutMs = 5_000): Promise<void> {
    if (!(await untilQuiet(() => this.chunks.length, { quietMs, timeoutMs })))
      throw new Error(`the terminal kept being written to for ${timeoutMs} ms`);
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }

  /** For Ink's type: the fake is used where a NodeJS.WriteStream is expected. */
  asStream(): NodeJS.WriteStream {
    return this as unknown as NodeJS.WriteStream;
  }
}

export class FakeTtyInput extends EventEmitter {
  readonly isTTY = true;
  rawMode = false;
  private pending: string[] = [];

  setRawMode(mode: boolean): this {
    this.rawMode = mode;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  read(): string | null {
    return this.pending.shift() ?? null;
  }
  type(data: string): void {
    this.pending.push(data);
    this.emit('readable');
  }
  asStream(): NodeJS.ReadStream {
    return this as unknown as NodeJS.ReadStream;
  }
}
