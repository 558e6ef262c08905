// The engine's HTTP client (src/engine/http-client/) with each exchange recorded for the
// diagnostics, as the recording fetch records its own: the request as sent, the answer's
// status and headers, the body as the handler reads it (capped), secrets redacted. The
// client itself (node:http) is imported with the first request.
import type * as Client from '../http-client/send.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http-client/types.js';
import { BodyCapture, declaredLength } from './body-capture.js';
import type { ExchangeRecorder } from './exchange-recorder.js';
import { observeStream } from './observe-stream.js';

let client: Promise<typeof Client> | null = null;
const NO_BODY = new Set([101, 204, 205, 304]);

/** The client, loaded on first use: an engine that sends no request loads no node:http. */
export const sendLazily: HttpClient = async (request) =>
  (await (client ??= import('../http-client/send.js'))).sendHttp(request);

export function createRecordingHttp(recorder: ExchangeRecorder, send: HttpClient = sendLazily): HttpClient {
  if (!recorder.on) return send;
  const { redactor, maxBodyBytes } = recorder;
  return async (request) => {
    const at = recorder.now();
    const started = performance.now();
    const sent = describeSent(request, recorder);
    const elapsed = () => Math.round(performance.now() - started);
    let res: HttpResponse;
    try {
      res = await send(request);
    } catch (err) {
      recorder.addFailed(at, sent, err, elapsed());
      throw err;
    }
    const responseHeaders = redactor.headers({ ...res.headers });
    const record = (body: string | null, error: string | null) =>
      recorder.add({
        at,
        ...sent,
        status: res.status,
        responseHeaders,
        responseBody: body,
        error: error === null ? null : redactor.text(error),
        durationMs: elapsed(),
      });
    // As fetch recorded them: no body at all (null), not an empty one.
    if (NO_BODY.has(res.status) || request.method.toUpperCase() === 'HEAD') {
      record(null, null);
      return res;
    }
    const head = {
      declared: declaredLength(res.headers['content-length']),
      contentType: res.headers['content-type'] ?? null,
    };
    const open = observeStream(res.body, maxBodyBytes, redactor, head, record);
    recorder.track(open);
    return res;
  };
}

/** The request half, as the recording fetch stores it for a string body. */
function describeSent(request: HttpRequest, recorder: ExchangeRecorder) {
  const { redactor, maxBodyBytes } = recorder;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  let requestBody: string | null = null;
  if (request.body !== undefined) {
    const capture = new BodyCapture(maxBodyBytes);
    capture.add(Buffer.from(request.body));
    requestBody = capture.render(redactor, { complete: true, declared: null, contentType: null });
  }
  return {
    method: request.method.toUpperCase(),
    url: redactor.url(request.url.href),
    requestHeaders: redactor.headers(headers),
    requestBody,
  };
}
