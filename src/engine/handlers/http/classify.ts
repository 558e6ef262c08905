// Which error class a failed request belongs to (docs/tasks.md, The http handler): the
// class decides how long the run's details are kept, so it has to be right. The messages
// are stored and read later under any locale, so they are plain ASCII.
import { STATUS_CODES } from 'node:http';
import { snippet } from '../../text/sanitize.js';
import { TaskError } from '../types.js';
import { getPath } from './json-path.js';

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$|ERR_OSSL)/;

/** The first `code` in an error's cause chain (AggregateError included: happy eyeballs tries several addresses). */
export function errorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_INVALID_STATE') return code;
    queue.push(
      (e as { cause?: unknown }).cause,
      ...(((e as { errors?: unknown }).errors as unknown[] | undefined) ?? []),
    );
  }
  return undefined;
}

function innermostMessage(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 4 && e instanceof Error && e.cause instanceof Error; i++) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** zlib's and brotli's codes: a body that does not decode as its Content-Encoding says. */
const DECODE_CODE = /^(Z_[A-Z_]+|ERR__ERROR_.*|ERR_BROTLI.*)$/;

/**
 * A failure to talk to the service at all → `network`, when it is one; null otherwise.
 * The errors are node:http's and the engine's HTTP client's (src/engine/http-client/).
 */
export function networkFailure(err: unknown, url: URL): TaskError | null {
  const host = url.host;
  const code = errorCode(err);
  const say = (message: string) => new TaskError('network', message);
  const message = err instanceof Error ? err.message : '';
  switch (code) {
    case 'ECONNREFUSED':
      return say(`connection refused by ${host} (nothing listens there: the service is down or the address is wrong)`);
    case 'ECONNRESET':
      // node:http's "socket hang up" (closed before the answer) and "aborted" (closed in the body).
      if (message === 'socket hang up' || message === 'aborted')
        return say(`${host} closed the connection before the answer was complete`);
      return say(`the connection to ${host} was reset`);
    case 'EPIPE':
      return say(`the connection to ${host} was reset`);
    case 'ENOTFOUND':
      return say(`host not found: ${url.hostname} (DNS)`);
    case 'EAI_AGAIN':
      return say(`DNS lookup of ${url.hostname} failed (temporary failure)`);
    case 'ETIMEDOUT':
    case 'ERR_CONNECT_TIMEOUT':
      return say(`connecting to ${host} timed out`);
    case 'ERR_IDLE_TIMEOUT':
      return say(`${host} did not answer in time`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return say(`${host} is unreachable (${code})`);
    default:
      if (code && TLS_CODE.test(code)) return say(`TLS error talking to ${host}: ${snippet(innermostMessage(err))}`);
      // Any other socket-level failure (it has a syscall), a malformed answer (the parser's
      // HPE_ codes), a body that does not decode, or too many encodings: still transport.
      if (
        (err instanceof Error && 'syscall' in err) ||
        (code && (code.startsWith('HPE_') || DECODE_CODE.test(code) || code === 'ERR_CONTENT_ENCODING'))
      ) {
        return say(`request to ${host} failed: ${snippet(innermostMessage(err))}`);
      }
      return null;
  }
}

export function statusLine(status: number, statusText: string): string {
  return `${status} ${statusText || STATUS_CODES[status] || ''}`.trim();
}

/** A short human reason from an error body: the documented errorField, else the usual suspects. */
export function errorDetail(body: unknown, errorField?: string): string | null {
  const candidates = errorField ? [getPath(body, errorField)] : [];
  if (body && typeof body === 'object') {
    for (const path of [
      'error_description',
      'error.message',
      'message',
      'error',
      'detail',
      'title',
      'errors.0.message',
      'errors.0',
    ])
      candidates.push(getPath(body, path));
  }
  for (const c of candidates) {
    const text = describeError(c);
    if (text) return text;
  }
  return null;
}

/** `"Date is in the past"`, `{code, message}` → "code: message", anything else → its JSON. */
export function describeError(value: unknown): string | null {
  if (value === undefined || value === null || value === false || value === '' || value === 0) return null;
  if (typeof value === 'string') return snippet(value, 300) || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value.length === 0
      ? null
      : snippet(
          value
            .map((v) => describeError(v) ?? '')
            .filter(Boolean)
            .join('; '),
          300,
        ) || null;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Object.keys(o).length === 0) return null;
    const message = o.message ?? o.description ?? o.error_description ?? o.detail ?? o.title ?? o.error;
    const code = o.code ?? o.type;
    if (typeof message === 'string' && message)
      return snippet(typeof code === 'string' || typeof code === 'number' ? `${code}: ${message}` : message, 300);
    return snippet(JSON.stringify(value), 300);
  }
  return null;
}

/** A non-2xx answer → its class and message. */
export function statusFailure(
  status: number,
  statusText: string,
  detail: string | null,
  documented: boolean,
): TaskError {
  const line = statusLine(status, statusText);
  const suffix = detail ? `: ${detail}` : '';
  if (status === 401 || status === 403) {
    return new TaskError(
      'auth',
      `${status === 401 ? 'not authorized' : 'access denied'} (${line})${suffix}; check the service's credentials`,
    );
  }
  if (status >= 500) return new TaskError('recognized', `web server error ${line}${suffix}`);
  if (status === 429) return new TaskError('recognized', `rate limited by the service (${line})${suffix}`);
  // Any other 4xx: recognized only when the service said why in its documented error field.
  return new TaskError(documented ? 'recognized' : 'unknown', `the service refused the request (${line})${suffix}`);
}
