// One HTTP exchange over node:http or node:https, for the built-in http handler, its
// diagnostics and the webhook alerts (docs/ARCHITECTURE.md, Handlers and diagnostics):
// half fetch's CPU per request and no undici in the process (BENCHMARKS.md, "Where it
// goes"). Redirects are not followed: the callers follow them by hand. Sockets are kept
// alive by Node's global agents; node:https (and TLS) loads with the first https URL.
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { decodedBody } from './decode.js';
import { HttpClientError, RequestTimeoutError } from './errors.js';
import type { HttpRequest, HttpResponse } from './types.js';

/** As undici's defaults: 10 s to connect (TLS included), 300 s of silence while waiting or reading. */
const CONNECT_TIMEOUT_MS = 10_000;
const IDLE_TIMEOUT_MS = 300_000;

type Transport = Pick<typeof http, 'request'>;
let https: Promise<Transport> | null = null;

export async function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  const secure = request.url.protocol === 'https:';
  const transport = secure ? await (https ??= import('node:https')) : http;
  request.signal?.throwIfAborted();
  return new Promise((resolve, reject) => exchange(transport, secure, request, resolve, reject));
}

function exchange(
  transport: Transport,
  secure: boolean,
  request: HttpRequest,
  resolve: (response: HttpResponse) => void,
  reject: (err: unknown) => void,
): void {
  const { signal } = request;
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers = outgoingHeaders(request.headers, secure);
  if (body) headers['content-length'] = String(body.length);
  let response: HttpResponse | null = null;
  let req: ClientRequest;
  let timer: NodeJS.Timeout | undefined;
  const cleanup = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  // Before the answer the promise fails; after it, the body the caller reads.
  const fail = (err: unknown) => {
    cleanup();
    if (response) response.body.destroy(err as Error);
    else reject(err);
    req.destroy();
  };
  const onAbort = () => fail(signal?.reason);
  try {
    req = transport.request(request.url, { method: request.method, headers });
  } catch (err) {
    reject(err);
    return;
  }
  if (request.timeoutMs !== undefined)
    timer = setTimeout(() => fail(new RequestTimeoutError()), request.timeoutMs).unref();
  signal?.addEventListener('abort', onAbort, { once: true });
  req.on('socket', (socket: Socket) => {
    if (socket.connecting) limitConnect(req, socket, secure);
  });
  req.setTimeout(IDLE_TIMEOUT_MS, () =>
    req.destroy(new HttpClientError('ERR_IDLE_TIMEOUT', `no data for ${IDLE_TIMEOUT_MS / 1000} s`)),
  );
  req.on('error', (err) => {
    if (!response) {
      cleanup();
      reject(err);
    } else if (!response.body.destroyed) response.body.destroy(err);
  });
  req.once('response', (res: IncomingMessage) => {
    const answerHeaders = headersOf(res.rawHeaders);
    let decoded: Readable;
    try {
      decoded = decodedBody(res, request.method, answerHeaders['content-encoding']);
    } catch (err) {
      fail(err);
      return;
    }
    // Also what keeps the failure of a body nobody reads from being uncaught.
    decoded.on('error', cleanup);
    decoded.once('end', cleanup);
    decoded.once('close', cleanup);
    response = {
      url: request.url,
      status: res.statusCode ?? 0,
      statusText: res.statusMessage ?? '',
      headers: answerHeaders,
      body: decoded,
    };
    resolve(response);
  });
  req.end(body);
}

function limitConnect(req: ClientRequest, socket: Socket, secure: boolean): void {
  const timer = setTimeout(
    () => req.destroy(new HttpClientError('ERR_CONNECT_TIMEOUT', `connect timeout (${CONNECT_TIMEOUT_MS / 1000} s)`)),
    CONNECT_TIMEOUT_MS,
  ).unref();
  const done = () => clearTimeout(timer);
  socket.once(secure ? 'secureConnect' : 'connect', done);
  socket.once('close', done);
}

/** Lower-case names (a later one wins), and fetch's defaults for what the caller left out. */
function outgoingHeaders(given: Record<string, string>, secure: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value;
  headers.accept ??= '*/*';
  headers['accept-encoding'] ??= secure ? 'br, gzip, deflate' : 'gzip, deflate';
  return headers;
}

/** As fetch's Headers: lower-case names, repeated values joined by ", ". */
function headersOf(raw: string[]): Record<string, string> {
  const headers = Object.create(null) as Record<string, string>;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}
