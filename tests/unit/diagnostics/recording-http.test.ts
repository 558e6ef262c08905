// createRecordingHttp on its own: the exchange as sent and answered, redacted; the body
// recorded as the reader takes it (decoded); bodies nobody read recorded by settled();
// failures recorded and rethrown; nothing recorded with diagnostics off.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { closedPort, sendJson } from '../../../src/demo/http-server.js';
import type { ExchangeInput } from '../../../src/db/types.js';
import { ExchangeRecorder } from '../../../src/engine/diagnostics/exchange-recorder.js';
import { createRecordingHttp } from '../../../src/engine/diagnostics/recording-http.js';
import { createRedactor } from '../../../src/engine/diagnostics/redact.js';
import { describeError } from '../../../src/engine/diagnostics/request-record.js';
import { createRunRecorder } from '../../../src/engine/diagnostics/run-recorder.js';
import { readBodyCapped } from '../../../src/engine/handlers/http/read-body.js';
import { serve } from '../../helpers/local-server.js';

function recorder(maxBodyBytes = 64 * 1024, secrets: string[] = []) {
  const exchanges: ExchangeInput[] = [];
  const rec = new ExchangeRecorder({
    record: (e) => exchanges.push(e),
    redactor: createRedactor(secrets),
    maxBodyBytes,
  });
  return { http: createRecordingHttp(rec), rec, exchanges };
}

describe('diagnostics/recording-http: createRecordingHttp', () => {
  it('records request and answer with secrets redacted, and the body the reader read, decoded', async () => {
    const server = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'set-cookie': 's=1' });
      res.end(gzipSync('{"issued":"S3cr3t-V4lue","n":1}'));
    });
    const { http, exchanges } = recorder(64 * 1024, ['S3cr3t-V4lue']);
    const res = await http({
      method: 'post',
      url: new URL(`${server.url}/x?token=abc&day=1`),
      headers: { Authorization: 'Bearer abc', 'X-Trace': 'on' },
      body: '{"password":"hunter22","key":"S3cr3t-V4lue"}',
    });
    expect(await readBodyCapped(res, 1024)).toBe('{"issued":"S3cr3t-V4lue","n":1}');
    expect(exchanges).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${server.url}/x?token=***&day=1`,
        requestHeaders: { authorization: '***', 'x-trace': 'on' },
        requestBody: '{"password":"***","key":"***"}',
        status: 200,
        responseBody: '{"issued":"***","n":1}',
        error: null,
      }),
    ]);
    expect(exchanges[0]!.responseHeaders).toMatchObject({ 'set-cookie': '***', 'content-encoding': 'gzip' });
  });

  it('records a body nobody read when settled() is awaited, and one given up half-way as cut', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/small') return sendJson(res, 500, { error: 'boom' });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('x'.repeat(5000));
    });
    const { http, rec, exchanges } = recorder(100);
    await http({ method: 'GET', url: new URL(`${server.url}/small`), headers: {} });
    await http({ method: 'GET', url: new URL(`${server.url}/endless`), headers: {} });
    await rec.settled();
    const byPath = Object.fromEntries(exchanges.map((e) => [new URL(e.url).pathname, e.responseBody]));
    expect(byPath['/small']).toBe('{"error":"boom"}');
    expect(byPath['/endless']).toMatch(/^x{100}\.\.\.\[truncated, more than \d+ bytes\]$/);
  });

  it('records a failed request with its error and rethrows it', async () => {
    const port = await closedPort();
    const { http, exchanges } = recorder();
    await expect(
      http({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/send?token=abc`), headers: {} }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(exchanges).toEqual([
      expect.objectContaining({ url: `http://127.0.0.1:${port}/send?token=***`, status: null, responseBody: null }),
    ]);
    expect(exchanges[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it('records an answer without a body (204) as no body, as fetch did', async () => {
    const server = await serve((_q, res) => void res.writeHead(204).end());
    const { http, exchanges } = recorder();
    const res = await http({ method: 'DELETE', url: new URL(server.url), headers: {} });
    expect(await readBodyCapped(res, 100)).toBe('');
    expect(exchanges).toEqual([expect.objectContaining({ method: 'DELETE', status: 204, responseBody: null })]);
  });

  it('describes a failed connect to every address of a name by each address', () => {
    const both = new AggregateError([
      new Error('connect ECONNREFUSED ::1:9'),
      new Error('connect ECONNREFUSED 127.0.0.1:9'),
    ]);
    expect(describeError(both)).toBe('connect ECONNREFUSED ::1:9; connect ECONNREFUSED 127.0.0.1:9');
  });

  it('with diagnostics off, passes requests straight through', async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { ok: true }));
    const http = createRecordingHttp(
      new ExchangeRecorder({ record: null, redactor: createRedactor([]), maxBodyBytes: 10 }),
    );
    expect(await readBodyCapped(await http({ method: 'GET', url: new URL(server.url), headers: {} }), 100)).toBe(
      '{"ok":true}',
    );
  });

  it("a run's fetch and http record into the same place, and settled() waits for both", async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { ok: true }));
    const exchanges: ExchangeInput[] = [];
    const run = createRunRecorder({
      record: (e) => exchanges.push(e),
      redactor: createRedactor([]),
      maxBodyBytes: 1024,
    });
    await run.http({ method: 'GET', url: new URL(`${server.url}/by-http`), headers: {} });
    await run.fetch(`${server.url}/by-fetch`);
    await run.settled();
    expect(exchanges.map((e) => [new URL(e.url).pathname, e.responseBody]).sort()).toEqual([
      ['/by-fetch', '{"ok":true}'],
      ['/by-http', '{"ok":true}'],
    ]);
  });
});
