// A fetch that records every exchange for the diagnostics (docs/ARCHITECTURE.md, Handlers and diagnostics): request and
// response, bodies capped, secrets redacted before `record` sees anything. The
// response body is observed as the handler reads it (no second copy, no tee buffer);
// bodies nobody reads are drained up to the cap by settled().
import type { ExchangeInput } from '../../db/types.js';
import { observeBody, type OpenBody } from './observe-body.js';
import type { Redactor } from './redact.js';
import { describeError, describeRequest, headersToRecord } from './request-record.js';

export { describeError } from './request-record.js';

export interface RecordingFetchOptions {
  /** Where each exchange goes; null when diagnostics are off for this run. */
  record: ((exchange: ExchangeInput) => void) | null;
  redactor: Redactor;
  maxBodyBytes: number;
  /** The fetch that really sends (tests); the global one by default. */
  fetch?: typeof fetch;
  /** The engine's clock (epoch ms) for when each exchange started. */
  now?: () => number;
}

export type RecordingFetch = typeof fetch & {
  /**
   * Resolves when every exchange started so far is recorded. Bodies nobody read are read
   * up to the cap for at most `waitMs`, then cancelled and recorded as they are.
   * Call it after the handler ends and before the run is finished.
   */
  settled(waitMs?: number): Promise<void>;
};

export function createRecordingFetch(options: RecordingFetchOptions): RecordingFetch {
  const base = options.fetch ?? globalThis.fetch;
  const { record, redactor, maxBodyBytes } = options;
  const now = options.now ?? Date.now;
  if (!record) {
    const plain = ((input, init) => base(input, init)) as RecordingFetch;
    plain.settled = async () => {};
    return plain;
  }
  const open = new Set<OpenBody>();
  const safeRecord = (exchange: ExchangeInput) => {
    try {
      record(exchange);
    } catch {
      // Diagnostics never break the run.
    }
  };

  const recording = (async (input: string | URL | Request, init?: RequestInit) => {
    const at = now();
    const started = performance.now();
    const request = await describeRequest(input, init, maxBodyBytes, redactor);
    const elapsed = () => Math.round(performance.now() - started);
    let res: Response;
    try {
      res = await base(input, init);
    } catch (err) {
      safeRecord({
        at,
        ...request,
        status: null,
        responseHeaders: null,
        responseBody: null,
        error: redactor.text(describeError(err)),
        durationMs: elapsed(),
      });
      throw err;
    }
    const responseHeaders = redactor.headers(headersToRecord(res.headers));
    const finish = (body: string | null, error: string | null) =>
      safeRecord({
        at,
        ...request,
        status: res.status,
        responseHeaders,
        responseBody: body,
        error: error === null ? null : redactor.text(error),
        durationMs: elapsed(),
      });
    if (res.body === null) {
      finish(null, null);
      return res;
    }
    const observed = observeBody(res, maxBodyBytes, redactor, finish);
    open.add(observed.open);
    void observed.open.done.then(() => open.delete(observed.open));
    return observed.response;
  }) as RecordingFetch;

  recording.settled = async (waitMs = 1_000) => {
    const bodies = [...open];
    if (bodies.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([Promise.all(bodies.map((b) => b.drain())), deadline]);
    clearTimeout(timer);
    for (const b of bodies) b.abandon();
    await Promise.all(bodies.map((b) => b.done));
  };
  return recording;
}
