// A fetch that records every exchange for the diagnostics (DESIGN.md §4): request and
// response, bodies capped, secrets redacted before `record` sees anything. The
// response body is observed as the handler reads it (no second copy, no tee buffer);
// bodies nobody reads are drained up to the cap by settled().
import type { ExchangeInput } from '../../db/types.js';
import { BodyCapture, contentLengthOf } from './body-capture.js';
import type { Redactor } from './redact.js';

export interface RecordingFetchOptions {
  /** Where each exchange goes; null when diagnostics are off for this run. */
  record: ((exchange: ExchangeInput) => void) | null;
  redactor: Redactor;
  maxBodyBytes: number;
  /** The fetch that really sends (tests); the global one by default. */
  fetch?: typeof fetch;
}

export type RecordingFetch = typeof fetch & {
  /**
   * Resolves when every exchange started so far is recorded. Bodies nobody read are read
   * up to the cap for at most `waitMs`, then cancelled and recorded as they are.
   * Call it after the handler ends and before the run is finished.
   */
  settled(waitMs?: number): Promise<void>;
};

interface OpenBody {
  /** Drains a body nobody started reading, up to the cap. */
  drain(): Promise<void>;
  /** Gives up: the exchange is recorded with what was seen. */
  abandon(): void;
  done: Promise<void>;
}

export function createRecordingFetch(options: RecordingFetchOptions): RecordingFetch {
  const base = options.fetch ?? globalThis.fetch;
  const { record, redactor, maxBodyBytes } = options;
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
    const at = Date.now();
    const started = performance.now();
    const request = await describeRequest(input, init, maxBodyBytes, redactor);
    const elapsed = () => Math.round(performance.now() - started);
    let res: Response;
    try {
      res = await base(input, init);
    } catch (err) {
      safeRecord({ at, ...request, status: null, responseHeaders: null, responseBody: null, error: redactor.text(describeError(err)), durationMs: elapsed() });
      throw err;
    }
    const responseHeaders = redactor.headers(headersToRecord(res.headers));
    const finish = (body: string | null, error: string | null) =>
      safeRecord({ at, ...request, status: res.status, responseHeaders, responseBody: body, error: error === null ? null : redactor.text(error), durationMs: elapsed() });
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

/** Wraps the response so every chunk the reader takes is also captured; records once the body ends, fails or is cancelled. */
function observeBody(
  res: Response,
  cap: number,
  redactor: Redactor,
  finish: (body: string | null, error: string | null) => void,
): { response: Response; open: OpenBody } {
  const reader = res.body!.getReader();
  const capture = new BodyCapture(cap);
  const render = (complete: boolean) => capture.render(redactor, { complete, declared: contentLengthOf(res.headers), contentType: res.headers.get('content-type') });
  let markDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (markDone = resolve));
  let finished = false;
  const end = (complete: boolean, error: string | null) => {
    if (finished) return;
    finished = true;
    finish(render(complete), error);
    markDone();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (err) {
          end(false, `reading the body failed: ${describeError(err)}`);
          controller.error(err);
          return;
        }
        if (chunk.done) {
          end(true, null);
          controller.close();
          return;
        }
        capture.add(chunk.value);
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        end(false, null);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const response = new Response(stream as unknown as ConstructorParameters<typeof Response>[0], { status: res.status, statusText: res.statusText, headers: res.headers });
  Object.defineProperties(response, {
    url: { value: res.url },
    redirected: { value: res.redirected },
    type: { value: res.type },
  });

  const open: OpenBody = {
    done,
    async drain() {
      if (stream.locked || finished) return done;
      const r = stream.getReader();
      try {
        while (!finished && capture.seen < cap) {
          const { done: ended } = await r.read();
          if (ended) break;
        }
      } catch {
        // recorded by pull
      }
      if (!finished) await r.cancel().catch(() => {});
    },
    abandon() {
      if (finished) return;
      end(false, null);
      void reader.cancel().catch(() => {});
    },
  };
  return { response, open };
}

async function describeRequest(
  input: string | URL | Request,
  init: RequestInit | undefined,
  cap: number,
  redactor: Redactor,
): Promise<Pick<ExchangeInput, 'method' | 'url' | 'requestHeaders' | 'requestBody'>> {
  const req = input instanceof Request ? input : null;
  const url = req ? req.url : input instanceof URL ? input.href : String(input);
  const method = (init?.method ?? req?.method ?? 'GET').toUpperCase();
  let headers: Record<string, string> = {};
  try {
    headers = headersToRecord(new Headers(init?.headers ?? req?.headers));
  } catch {
    // fetch itself reports malformed headers
  }
  let body: string | null = null;
  try {
    body = await requestBodyText(init?.body ?? null, req, cap, redactor);
  } catch {
    body = '[body not readable]';
  }
  return { method, url: redactor.url(url), requestHeaders: redactor.headers(headers), requestBody: body };
}

async function requestBodyText(body: unknown, req: Request | null, cap: number, redactor: Redactor): Promise<string | null> {
  const capture = new BodyCapture(cap);
  let contentType: string | null = null;
  if (body === null || body === undefined) {
    if (!req?.body) return null;
    contentType = req.headers.get('content-type');
    const reader = req.clone().body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      capture.add(value);
      if (capture.seen > cap * 2) {
        await reader.cancel();
        return capture.render(redactor, { complete: false, declared: null, contentType });
      }
    }
  } else if (typeof body === 'string' || body instanceof URLSearchParams) {
    capture.add(Buffer.from(body.toString()));
  } else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    capture.add(bytes);
  } else if (body instanceof Blob) {
    contentType = body.type || null;
    capture.add(new Uint8Array(await body.slice(0, cap + 1024).arrayBuffer()));
    capture.seen = body.size;
  } else {
    return '[streamed body, not recorded]';
  }
  return capture.render(redactor, { complete: true, declared: null, contentType });
}

function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  });
  return out;
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:9" rather than just "fetch failed". */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const parts = [err.message];
  let cause: unknown = err.cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    parts.push(code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message);
    cause = cause.cause;
  }
  return parts.filter(Boolean).join(': ');
}
