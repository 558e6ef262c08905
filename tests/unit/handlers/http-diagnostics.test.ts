// httpHandler through the recording fetch: what lands in the diagnostics, redacted.
import { describe, expect, it } from 'vitest';
import { readRequestBody, sendJson } from '../../../src/demo/http-server.js';
import { failure, harness } from '../../helpers/handler-context.js';
import { serve } from '../../helpers/local-server.js';

const SECRET = 'sk_live_9f8e7d6c5b4a';

describe('http handler: httpHandler diagnostics', () => {
  it('records every exchange with method, url, headers, bodies, status and duration, secrets redacted', async () => {
    const server = await serve(async (req, res) => {
      const body = await readRequestBody(req);
      sendJson(
        res,
        200,
        { echo: JSON.parse(body) as unknown, note: `your key is ${SECRET}`, items: [1, 2] },
        { 'set-cookie': 'session=abc123; HttpOnly', 'x-request-id': 'r-1' },
      );
    });
    const h = harness({
      handler: {
        kind: 'http',
        method: 'POST',
        path: '/sync',
        query: { api_key: SECRET, day: 'mon' },
        headers: { 'X-Trace': 'on' },
        body: { login: 'clinic', password: SECRET },
        items: 'items',
      },
      service: { baseUrl: server.url, auth: { type: 'header', name: 'X-Clinic-Auth', value: 'hdr-secret-value' } },
      secrets: [SECRET],
    });
    await h.run();
    expect(h.exchanges).toHaveLength(1);
    const ex = h.exchanges[0]!;
    expect(ex.method).toBe('POST');
    expect(ex.url).toBe(`${server.url}/sync?api_key=***&day=mon`);
    expect(ex.requestHeaders).toMatchObject({
      'x-clinic-auth': '***',
      'x-trace': 'on',
      'content-type': 'application/json',
    });
    expect(ex.requestBody).toBe('{"login":"clinic","password":"***"}');
    expect(ex.status).toBe(200);
    expect(ex.responseHeaders).toMatchObject({ 'set-cookie': '***', 'x-request-id': 'r-1' });
    expect(ex.responseBody).toBe('{"echo":{"login":"clinic","password":"***"},"note":"your key is ***","items":[1,2]}');
    expect(ex.error).toBeNull();
    expect(ex.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(h.exchanges)).not.toContain(SECRET);
    expect(JSON.stringify(h.exchanges)).not.toContain('hdr-secret-value');
  });

  it('redacts the bearer token and an API key sent in the query by the service auth', async () => {
    const server = await serve((_q, res) => sendJson(res, 401, { error: 'bad token' }));
    const bearer = harness({
      handler: { kind: 'http', path: '/a' },
      service: { baseUrl: server.url, auth: { type: 'bearer', token: 'literal-token-1' } },
    });
    await failure(bearer.run());
    expect(bearer.exchanges[0]!.requestHeaders.authorization).toBe('***');
    const query = harness({
      handler: { kind: 'http', path: '/a' },
      service: { baseUrl: server.url, auth: { type: 'query', name: 'clinic_code', value: 'qv-777' } },
    });
    await failure(query.run());
    expect(query.exchanges[0]!.url).toBe(`${server.url}/a?clinic_code=***`);
    expect(JSON.stringify([...bearer.exchanges, ...query.exchanges])).not.toMatch(/literal-token-1|qv-777/);
  });

  it('caps recorded bodies and marks how much was cut, while the handler still reads the whole body', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `patient ${i}` }));
    const server = await serve((_q, res) => sendJson(res, 200, { items }));
    const h = harness({
      handler: { kind: 'http', path: '/big', items: 'items' },
      service: { baseUrl: server.url },
      maxBodyBytes: 1024,
    });
    await expect(h.run()).resolves.toEqual({ message: '5000 calls received' });
    const full = JSON.stringify({ items }).length;
    expect(h.exchanges[0]!.responseBody).toBe(
      `${JSON.stringify({ items }).slice(0, 1024)}...[truncated ${full - 1024} bytes]`,
    );
  });

  it('records each hop of a redirect and the error of a failed exchange', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/old') return void res.writeHead(302, { location: '/new' }).end('moved');
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"items":', () => res.socket?.destroy());
    });
    const h = harness({ handler: { kind: 'http', path: '/old', items: 'items' }, service: { baseUrl: server.url } });
    const err = await failure(h.run());
    expect(err.errorClass).toBe('network');
    expect(h.exchanges.map((e) => [e.url, e.status, e.responseBody])).toEqual([
      [`${server.url}/old`, 302, 'moved'],
      [`${server.url}/new`, 200, '{"items":...[truncated 91 bytes]'],
    ]);
    expect(h.exchanges[1]!.error).toMatch(/reading the body failed/);
  });

  it('records nothing when diagnostics are off', async () => {
    const server = await serve((_q, res) => sendJson(res, 200, {}));
    const h = harness({ handler: { kind: 'http', path: '/a' }, service: { baseUrl: server.url }, diagnostics: false });
    await h.run();
    expect(h.exchanges).toEqual([]);
  });
});
