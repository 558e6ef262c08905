// createRecordingFetch on its own: capture without consuming, caps, unread bodies, errors.
import { describe, expect, it } from 'vitest';
import { closedPort, sendJson } from '../../../src/demo/http-server.js';
import type { ExchangeInput } from '../../../src/db/types.js';
import { createRecordingFetch } from '../../../src/engine/diagnostics/recording-fetch.js';
import { createRedactor } from '../../../src/engine/diagnostics/redact.js';
import { serve } from '../../helpers/local-server.js';

function recorder(maxBodyBytes = 64 * 1024, secrets: string[] = []) {
  const exchanges: ExchangeInput[] = [];
  const fetch = createRecordingFetch({
    record: (e) => exchanges.push(e),
    redactor: createRedactor(secrets),
    maxBodyBytes,
  });
  return { fetch, exchanges };
}

describe('diagnostics/recording-fetch: createRecordingFetch', () => {
  it('records the response body without taking it from the reader, and keeps url and status', async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { hello: 'world' }));
    const { fetch, exchanges } = recorder();
    const res = await fetch(`${server.url}/x`, { headers: { accept: 'application/json' } });
    expect(res.url).toBe(`${server.url}/x`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: 'world' });
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({
      method: 'GET',
      url: `${server.url}/x`,
      requestHeaders: { accept: 'application/json' },
      requestBody: null,
      status: 200,
      responseBody: '{"hello":"world"}',
      error: null,
    });
  });

  it('streams a 10 MB body to the reader whole while recording only the cap', async () => {
    const size = 10 * 1000 * 1000;
    const server = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let left = size;
      const pump = () => {
        while (left > 0) {
          const part = chunk.subarray(0, Math.min(chunk.length, left));
          left -= part.length;
          if (!res.write(part)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const { fetch, exchanges } = recorder(1000);
    const res = await fetch(server.url);
    let received = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) received += chunk.byteLength;
    expect(received).toBe(size);
    expect(exchanges[0]!.responseBody).toBe(`${'a'.repeat(1000)}...[truncated ${size - 1000} bytes]`);
  });

  it('records a body nobody read when settled() is awaited, and one cancelled half-way as cut', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/small') return sendJson(res, 500, { error: 'boom' });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('x'.repeat(5000));
    });
    const { fetch, exchanges } = recorder(100);
    await fetch(`${server.url}/small`);
    const endless = await fetch(`${server.url}/endless`);
    const reader = endless.body!.getReader();
    await reader.read();
    await reader.cancel();
    await fetch.settled();
    const byUrl = Object.fromEntries(exchanges.map((e) => [new URL(e.url).pathname, e.responseBody]));
    expect(byUrl['/small']).toBe('{"error":"boom"}');
    expect(byUrl['/endless']).toMatch(/^x{100}\.\.\.\[truncated, more than \d+ bytes\]$/);
  });

  it('records a failed request with its error and rethrows it', async () => {
    const port = await closedPort();
    const { fetch, exchanges } = recorder();
    await expect(
      fetch(`http://127.0.0.1:${port}/send?token=abc`, { method: 'POST', body: 'to=+79000000000' }),
    ).rejects.toThrow(/fetch failed/);
    expect(exchanges).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `http://127.0.0.1:${port}/send?token=***`,
        requestBody: 'to=+79000000000',
        status: null,
        responseBody: null,
      }),
    ]);
    expect(exchanges[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it('redacts configured secrets in request and response bodies', async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { issued: 'S3cr3t-V4lue' }));
    const { fetch, exchanges } = recorder(64 * 1024, ['S3cr3t-V4lue']);
    const res = await fetch(server.url, { method: 'POST', body: JSON.stringify({ key: 'S3cr3t-V4lue' }) });
    expect(await res.json()).toEqual({ issued: 'S3cr3t-V4lue' });
    expect(exchanges[0]!.requestBody).toBe('{"key":"***"}');
    expect(exchanges[0]!.responseBody).toBe('{"issued":"***"}');
  });

  it('describes a binary body instead of storing it', async () => {
    const server = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '2048' });
      res.end(Buffer.alloc(2048, 0x89));
    });
    const { fetch, exchanges } = recorder();
    await (await fetch(server.url)).arrayBuffer();
    expect(exchanges[0]!.responseBody).toBe('[binary body: 2048 bytes of image/png]');
  });

  it('passes requests straight through when diagnostics are off', async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { ok: true }));
    const fetch = createRecordingFetch({ record: null, redactor: createRedactor([]), maxBodyBytes: 10 });
    expect(await (await fetch(server.url)).json()).toEqual({ ok: true });
    await fetch.settled();
  });
});
