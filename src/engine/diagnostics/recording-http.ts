// The engine's HTTP client (src/engine/http-client/) with each exchange recorded for the
// diagnostics, as the recording fetch records its own: the request as sent, the answer's
// status and headers, the body as the handler reads it (capped), secrets redacted. The
// client itself (node:http) is imported with the first request.
import type * as Client from '../http-client/send.js';
import { NO_BODY } from '../http-client/status.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http-client/types.js';
import { BodyCapture, declaredLength } from './body-capture.js';
import type { ExchangeRecorder } from './exchange-recorder.js';
import { observeStream } from './observe-stream.js';

let client: Promise<typeof Client> | null = null;

/** The client, loaded on first use: an engine that sends no request loads no node:http. */
const sendLazily: HttpClient = async (request) =>
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
    const record = recorder.answered(at, sent, res.status, res.headers, elapsed);
    // As fetch recorded them: no body at all (null), not an empty one.
    if (NO_BODY.has(res.status) || sent.method === 'HEAD') {
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
