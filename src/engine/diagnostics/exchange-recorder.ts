// Where a run's exchanges go (docs/ARCHITECTURE.md, Handlers and diagnostics): shared by
// the recording fetch (module handlers) and the recording node:http client (the built-in
// http handler), so settled() waits for the bodies of both.
import type { ExchangeInput } from '../../db/types.js';
import type { Redactor } from './redact.js';
import { describeError } from './request-record.js';

/** The request of an exchange, as recorded. */
export type SentRequest = Pick<ExchangeInput, 'method' | 'url' | 'requestHeaders' | 'requestBody'>;

export interface RecorderOptions {
  /** Where each exchange goes; null when diagnostics are off for this run. */
  record: ((exchange: ExchangeInput) => void) | null;
  redactor: Redactor;
  maxBodyBytes: number;
  /** The engine's clock (epoch ms) for when each exchange started. */
  now?: () => number;
}

/** A response body being observed: recorded once it ends, fails, or is given up. */
export interface OpenBody {
  /** Reads a body nobody is reading, up to the cap. */
  drain(): Promise<void>;
  /** Gives up: the exchange is recorded with what was seen. */
  abandon(): void;
  done: Promise<void>;
}

export class ExchangeRecorder {
  readonly redactor: Redactor;
  readonly maxBodyBytes: number;
  readonly now: () => number;
  private readonly sink: ((exchange: ExchangeInput) => void) | null;
  private readonly open = new Set<OpenBody>();

  constructor(options: RecorderOptions) {
    this.sink = options.record;
    this.redactor = options.redactor;
    this.maxBodyBytes = options.maxBodyBytes;
    this.now = options.now ?? Date.now;
  }

  /** False when diagnostics are off: requests then pass straight through. */
  get on(): boolean {
    return this.sink !== null;
  }

  add(exchange: ExchangeInput): void {
    try {
      this.sink?.(exchange);
    } catch {
      // Diagnostics never break the run.
    }
  }

  /** An exchange that got no answer: the request as sent, and why (redacted). */
  addFailed(at: number, request: SentRequest, err: unknown, durationMs: number): void {
    this.add({
      at,
      ...request,
      status: null,
      responseHeaders: null,
      responseBody: null,
      error: this.redactor.text(describeError(err)),
      durationMs,
    });
  }

  /**
   * An exchange that got an answer: what records it once its body has been read (null: it
   * had none), the answer's headers and any error redacted, the duration taken then.
   */
  answered(
    at: number,
    request: SentRequest,
    status: number,
    headers: Record<string, string>,
    elapsed: () => number,
  ): (body: string | null, error: string | null) => void {
    const responseHeaders = this.redactor.headers(headers);
    return (body, error) =>
      this.add({
        at,
        ...request,
        status,
        responseHeaders,
        responseBody: body,
        error: error === null ? null : this.redactor.text(error),
        durationMs: elapsed(),
      });
  }

  track(body: OpenBody): void {
    this.open.add(body);
    void body.done.then(() => this.open.delete(body));
  }

  /**
   * Resolves when every exchange started so far is recorded. Bodies nobody read are read
   * up to the cap for at most `waitMs`, then given up and recorded as they are. Call it
   * after the handler ends and before the run is finished.
   */
  async settled(waitMs = 1_000): Promise<void> {
    const bodies = [...this.open];
    if (bodies.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([Promise.all(bodies.map((b) => b.drain())), deadline]);
    clearTimeout(timer);
    for (const b of bodies) b.abandon();
    await Promise.all(bodies.map((b) => b.done));
  }
}
