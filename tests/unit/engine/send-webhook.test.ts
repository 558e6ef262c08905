// sendWebhook over node:http: one POST of the JSON with the channel's headers; a 2xx is a
// delivery; a redirect is reported, not followed; silence and refusal say so in one line.
import { describe, expect, it } from 'vitest';
import { closedPort, readRequestBody } from '../../../src/demo/http-server.js';
import { sendWebhook } from '../../../src/engine/alerts/send-webhook.js';
import { serve } from '../../helpers/local-server.js';

const channel = (url: string, timeout = 10_000) => ({
  kind: 'webhook' as const,
  name: 'chat',
  url,
  headers: { Authorization: 'Bearer t-1' },
  timeout,
});

describe('alerts: sendWebhook', () => {
  it('POSTs the JSON with its headers; a 2xx is a delivery, with what the receiver said', async () => {
    let seen: { method?: string; body?: string; headers?: Record<string, unknown> } = {};
    const server = await serve(async (req, res) => {
      seen = { method: req.method, body: await readRequestBody(req), headers: req.headers };
      res.writeHead(202).end('queued');
    });
    await expect(sendWebhook(channel(`${server.url}/hook`), '{"event":"failing"}')).resolves.toEqual({
      ok: true,
      status: 202,
      message: 'HTTP 202: queued',
    });
    expect(seen.method).toBe('POST');
    expect(seen.body).toBe('{"event":"failing"}');
    expect(seen.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer t-1' });
    expect(seen.headers!['user-agent']).toMatch(/^syncdeck\//);
  });

  it('a redirect is not followed and says where it pointed', async () => {
    const server = await serve((_q, res) => void res.writeHead(301, { location: 'https://new.example/hook' }).end());
    await expect(sendWebhook(channel(server.url), '{}')).resolves.toEqual({
      ok: false,
      status: 301,
      message: 'HTTP 301 (redirect to https://new.example/hook; not followed)',
    });
  });

  it('no answer within the timeout, and a refused connection, are failures without a status', async () => {
    const silent = await serve(() => undefined);
    await expect(sendWebhook(channel(silent.url, 1_000), '{}')).resolves.toEqual({
      ok: false,
      status: null,
      message: `no answer from ${new URL(silent.url).host} within 1s`,
    });
    const port = await closedPort();
    await expect(sendWebhook(channel(`http://127.0.0.1:${port}/`), '{}')).resolves.toMatchObject({
      ok: false,
      status: null,
      message: expect.stringMatching(/^connection refused by 127\.0\.0\.1:\d+/) as unknown,
    });
  });
});
