// Delivers an alert to a webhook: one POST of the JSON (content-type: application/json);
// any 2xx answer is a delivery. Redirects are not followed (a POST would turn into a GET).
// Sent over node:http / node:https (src/engine/http-client/), not fetch: no undici in an engine.
import type { AlertChannelConfig } from '../../config/schema.js';
import { formatDuration } from '../../config/duration.js';
import { networkFailure } from '../handlers/http/classify.js';
import { readBodyCapped } from '../handlers/http/read-body.js';
import { isRequestTimeout } from '../http-client/errors.js';
import { sendHttp } from '../http-client/send.js';
import type { HttpResponse } from '../http-client/types.js';
import { snippet } from '../text/sanitize.js';
import { VERSION } from '../version.js';
import type { SendResult } from './send.js';

type Webhook = Extract<AlertChannelConfig, { kind: 'webhook' }>;

/** Of the answer's body, this much is kept for the attempt's message. */
const ANSWER_BYTES = 4 * 1024;

export async function sendWebhook(channel: Webhook, body: string): Promise<Omit<SendResult, 'durationMs'>> {
  const url = new URL(channel.url);
  let res: HttpResponse;
  try {
    res = await sendHttp({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'user-agent': `syncdeck/${VERSION}`, ...channel.headers },
      body,
      timeoutMs: channel.timeout,
    });
  } catch (err) {
    if (isRequestTimeout(err))
      return {
        ok: false,
        status: null,
        message: `no answer from ${url.host} within ${formatDuration(channel.timeout)}`,
      };
    return {
      ok: false,
      status: null,
      message: networkFailure(err, url)?.message ?? `request to ${url.host} failed: ${snippet(String(err))}`,
    };
  }
  const answer = await readBodyCapped(res, ANSWER_BYTES).catch(() => '');
  const ok = res.status >= 200 && res.status < 300;
  const location =
    res.status >= 300 && res.status < 400 ? ` (redirect to ${res.headers.location ?? '?'}; not followed)` : '';
  return {
    ok,
    status: res.status,
    message: `HTTP ${res.status}${location}${answer.trim() ? `: ${snippet(answer, 200)}` : ''}`,
  };
}
