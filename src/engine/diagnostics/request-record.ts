// The request half of an exchange, as stored: URL, headers and body, capped and redacted.
import type { ExchangeInput } from '../../db/types.js';
import { BodyCapture } from './body-capture.js';
import type { Redactor } from './redact.js';

export async function describeRequest(
  input: string | URL | Request,
  init: RequestInit | undefined,
  cap: number,
  redactor: Redactor,
): Promise<Pick<ExchangeInput, 'method' | 'url' | 'requestHeaders' | 'requestBody'>> {
  const req = input instanceof Request ? input : null;
  const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
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

async function requestBodyText(
  body: unknown,
  req: Request | null,
  cap: number,
  redactor: Redactor,
): Promise<string | null> {
  const capture = new BodyCapture(cap);
  let contentType: string | null = null;
  if (body === null || body === undefined) {
    if (!req?.body) return null;
    contentType = req.headers.get('content-type');
    const reader = (req.clone().body as ReadableStream<Uint8Array>).getReader();
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
    const bytes =
      body instanceof ArrayBuffer
        ? new Uint8Array(body)
        : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
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

export function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  });
  return out;
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:9" rather than just "fetch failed". */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Node's connect to every address of a name (happy eyeballs) fails with an AggregateError without a message.
  if (err instanceof AggregateError && !err.message)
    return (err.errors as unknown[]).map(describeError).join('; ') || 'AggregateError';
  const parts = [err.message];
  let cause: unknown = err.cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    parts.push(code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message);
    cause = cause.cause;
  }
  return parts.filter(Boolean).join(': ');
}
