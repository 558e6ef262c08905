// httpHandler against real HTTP servers on 127.0.0.1.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closedPort, readRequestBody, sendJson } from '../../../src/demo/http-server.js';
import { RESUME_STATE_KEY } from '../../../src/engine/handlers/http.js';
import { failure, harness } from '../../helpers/handler-context.js';
import { serve } from '../../helpers/local-server.js';

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

function api(routes: Record<string, Route>) {
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = serve(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({
      method: req.method ?? '',
      url: `${url.pathname}${url.search}`,
      headers: req.headers,
      body: await readRequestBody(req),
    });
    const route = routes[url.pathname];
    if (!route) return sendJson(res, 404, { error: 'no such endpoint' });
    return route(req, res, url);
  });
  return { server, seen };
}

const calls = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, from: '+7 900 000-00-00' }));

describe('http handler: httpHandler success and requests', () => {
  it('sends method, path, query, headers and bearer auth, and counts the items', async () => {
    const { server, seen } = api({ '/api/calls': (_q, res) => sendJson(res, 200, { data: { items: calls(1, 3) } }) });
    const h = harness({
      handler: {
        kind: 'http',
        path: '/calls',
        query: { since: '2025-01-01', limit: 50 },
        headers: { 'X-Clinic': 'north' },
        items: 'data.items',
      },
      service: {
        baseUrl: `${(await server).url}/api`,
        auth: { type: 'bearer', token: 'tok-123' },
        headers: { 'X-Source': 'syncdeck' },
      },
    });
    await expect(h.run()).resolves.toEqual({ message: '3 calls received' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.url).toBe('/api/calls?since=2025-01-01&limit=50');
    expect(seen[0]!.headers).toMatchObject({
      authorization: 'Bearer tok-123',
      'x-clinic': 'north',
      'x-source': 'syncdeck',
      accept: 'application/json',
    });
    expect(h.progress).toEqual([{ done: 1, total: 1 }]);
    expect(h.warnings).toEqual([]);
  });

  it('sends a JSON body and basic auth', async () => {
    const { server, seen } = api({ '/schedule': (_q, res) => sendJson(res, 201, { accepted: 14 }) });
    const h = harness({
      handler: { kind: 'http', method: 'POST', path: 'schedule', body: { days: 14, doctors: ['ivanova'] } },
      service: { baseUrl: (await server).url, auth: { type: 'basic', username: 'clinic', password: 'pa55' } },
    });
    await expect(h.run()).resolves.toEqual({ message: 'POST schedule: 201 Created' });
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"days":14,"doctors":["ivanova"]}' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('clinic:pa55').toString('base64')}`);
  });

  it('puts an API key in a header or in the query, as the service says', async () => {
    const { server, seen } = api({ '/leads': (_q, res) => sendJson(res, 200, { leads: [] }) });
    const base = (await server).url;
    await harness({
      handler: { kind: 'http', path: '/leads', items: 'leads' },
      service: { baseUrl: base, auth: { type: 'header', name: 'X-Api-Key', value: 'k1' } },
    }).run();
    await harness({
      handler: { kind: 'http', path: '/leads', items: 'leads' },
      service: { baseUrl: base, auth: { type: 'query', name: 'api_key', value: 'k2' } },
    }).run();
    expect(seen[0]!.headers['x-api-key']).toBe('k1');
    expect(seen[1]!.url).toBe('/leads?api_key=k2');
  });
});

describe('http handler: httpHandler paging', () => {
  it('follows next links page by page, counting items and reporting progress from the total', async () => {
    const { server } = api({
      '/calls': (_q, res, url) => {
        const page = Number(url.searchParams.get('page') ?? 1);
        sendJson(res, 200, {
          items: calls(page * 10, page < 3 ? 2 : 1),
          total: 5,
          next: page < 3 ? `/calls?page=${page + 1}` : null,
        });
      },
    });
    const h = harness({
      handler: { kind: 'http', path: '/calls', items: 'items', total: 'total', paging: { next: 'next' } },
      service: { baseUrl: (await server).url },
    });
    await expect(h.run()).resolves.toEqual({ message: '5 calls received in 3 pages' });
    expect(h.progress).toEqual([
      { done: 2, total: 5 },
      { done: 4, total: 5 },
      { done: 5, total: 5 },
    ]);
    expect(h.logs).toEqual(['page 1: 2 calls (2 of 5)', 'page 2: 2 calls (4 of 5)', 'page 3: 1 call (5 of 5)']);
  });

  it('sends a cursor back as a query parameter, keeps the API key on every page, and progresses by pages', async () => {
    const { server, seen } = api({
      '/items': (_q, res, url) => {
        const cursor = Number(url.searchParams.get('after') ?? 0);
        sendJson(res, 200, { rows: calls(cursor, 2), pages: 3, nextCursor: cursor < 4 ? cursor + 2 : null });
      },
    });
    const h = harness({
      handler: {
        kind: 'http',
        path: '/items',
        items: 'rows',
        totalPages: 'pages',
        paging: { cursor: 'nextCursor', cursorParam: 'after' },
      },
      service: { baseUrl: (await server).url, auth: { type: 'query', name: 'key', value: 'abc' } },
    });
    await expect(h.run()).resolves.toEqual({ message: '6 calls received in 3 pages' });
    expect(seen.map((s) => s.url)).toEqual(['/items?key=abc', '/items?key=abc&after=2', '/items?key=abc&after=4']);
    expect(h.progress.map((p) => `${p.done}/${p.total}`)).toEqual(['1/3', '2/3', '3/3']);
  });

  it('stops at maxPages and says more is left', async () => {
    const { server, seen } = api({
      '/calls': (_q, res, url) =>
        sendJson(res, 200, { items: calls(1, 1), next: `/calls?p=${Number(url.searchParams.get('p') ?? 1) + 1}` }),
    });
    const h = harness({
      handler: { kind: 'http', path: '/calls', items: 'items', paging: { next: 'next', maxPages: 2 } },
      service: { baseUrl: (await server).url },
    });
    await expect(h.run()).resolves.toEqual({ message: '2 calls received in 2 pages; more are left for the next run' });
    expect(seen).toHaveLength(2);
    expect(h.logs).toContain('stopped after 2 pages (paging.maxPages); the rest is left for the next run');
  });

  it('fails as unknown when a next link points back to a page already fetched', async () => {
    const { server } = api({ '/calls': (_q, res) => sendJson(res, 200, { items: calls(1, 1), next: '/calls' }) });
    const h = harness({
      handler: { kind: 'http', path: '/calls', items: 'items', paging: { next: 'next' } },
      service: { baseUrl: (await server).url },
    });
    const err = await failure(h.run());
    expect(err.errorClass).toBe('unknown');
    expect(err.message).toMatch(/paging loops/);
  });
});

describe('http handler: httpHandler resume cursor in the task state', () => {
  it('keeps the last cursor and sends it on the next run', async () => {
    let newest = 3;
    const { server, seen } = api({
      '/calls': (_q, res, url) => {
        const since = Number(url.searchParams.get('since') ?? 0);
        const items = calls(since + 1, newest - since);
        sendJson(res, 200, { items, cursor: newest });
      },
    });
    const base = (await server).url;
    const handler = {
      kind: 'http',
      path: '/calls',
      items: 'items',
      resume: { from: 'cursor', param: 'since' },
    } as const;
    const first = harness({ handler, service: { baseUrl: base } });
    await expect(first.run()).resolves.toEqual({ message: '3 calls received' });
    expect(first.state.get(RESUME_STATE_KEY)).toBe(3);

    newest = 5;
    const second = harness({ handler, service: { baseUrl: base }, state: Object.fromEntries(first.state) });
    await expect(second.run()).resolves.toEqual({ message: '2 calls received' });
    expect(seen.map((s) => s.url)).toEqual(['/calls', '/calls?since=3']);
    expect(second.logs[0]).toBe('continuing where the last run stopped (since=3)');
    expect(second.state.get(RESUME_STATE_KEY)).toBe(5);
  });

  it('keeps the cursor of the pages that succeeded when a later page fails', async () => {
    const { server } = api({
      '/calls': (_q, res, url) => {
        if (url.searchParams.get('page') === '2') return sendJson(res, 503, { message: 'maintenance' });
        sendJson(res, 200, { items: calls(1, 2), cursor: 'c-2', next: '/calls?page=2' });
      },
    });
    const h = harness({
      handler: {
        kind: 'http',
        path: '/calls',
        items: 'items',
        paging: { next: 'next' },
        resume: { from: 'cursor', param: 'since' },
      },
      service: { baseUrl: (await server).url },
    });
    const err = await failure(h.run());
    expect(err.errorClass).toBe('recognized');
    expect(h.state.get(RESUME_STATE_KEY)).toBe('c-2');
  });
});

describe('http handler: httpHandler classification', () => {
  const statusServer = (status: number, body: unknown, contentType = 'application/json') =>
    serve((_q, res) => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });

  it.each([
    [401, /^not authorized \(401 Unauthorized\): The access token expired/],
    [403, /^access denied \(403 Forbidden\)/],
  ])('%i is an auth error', async (status, message) => {
    const server = await statusServer(status, {
      error: 'invalid_token',
      error_description: 'The access token expired',
    });
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/x' }, service: { baseUrl: server.url } }).run(),
    );
    expect(err.errorClass).toBe('auth');
    expect(err.message).toMatch(message);
  });

  it.each([
    [500, 'web server error 500 Internal Server Error'],
    [502, 'web server error 502 Bad Gateway'],
  ])('%i is a recognized error: "%s"', async (status, message) => {
    const server = await statusServer(status, '<html><body><h1>Bad things</h1></body></html>', 'text/html');
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/x', items: 'items' }, service: { baseUrl: server.url } }).run(),
    );
    expect(err.errorClass).toBe('recognized');
    expect(err.message).toBe(message);
  });

  it('a documented error body in a 200 answer is a recognized error', async () => {
    const server = await statusServer(200, {
      ok: false,
      error: { code: 'DATE_IN_PAST', message: 'Schedule date is in the past' },
    });
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/x', errorField: 'error' }, service: { baseUrl: server.url } }).run(),
    );
    expect(err.errorClass).toBe('recognized');
    expect(err.message).toBe('the service reported an error: DATE_IN_PAST: Schedule date is in the past');
  });

  it('a 4xx is unknown unless its body has the documented error field', async () => {
    const server = await statusServer(422, { problem: { text: 'phone is required' } });
    const plain = await failure(
      harness({ handler: { kind: 'http', path: '/x' }, service: { baseUrl: server.url } }).run(),
    );
    expect(plain.errorClass).toBe('unknown');
    expect(plain.message).toMatch(/^the service refused the request \(422 Unprocessable Entity\)/);
    const documented = await failure(
      harness({
        handler: { kind: 'http', path: '/x', errorField: 'problem.text' },
        service: { baseUrl: server.url },
      }).run(),
    );
    expect(documented.errorClass).toBe('recognized');
    expect(documented.message).toBe('the service refused the request (422 Unprocessable Entity): phone is required');
  });

  it('connection refused is a network error', async () => {
    const port = await closedPort();
    const h = harness({ handler: { kind: 'http', path: '/send' }, service: { baseUrl: `http://127.0.0.1:${port}` } });
    const err = await failure(h.run());
    expect(err.errorClass).toBe('network');
    expect(err.message).toBe(
      `connection refused by 127.0.0.1:${port} (nothing listens there: the service is down or the address is wrong)`,
    );
    expect(h.exchanges).toHaveLength(1);
    expect(h.exchanges[0]).toMatchObject({ status: null, responseBody: null, method: 'GET' });
    expect(h.exchanges[0]!.error).toMatch(/ECONNREFUSED/);
  });

  it('a service that never answers is a network error after requestTimeout', async () => {
    const server = await serve(() => {});
    const err = await failure(
      harness({
        handler: { kind: 'http', path: '/slow' },
        service: { baseUrl: server.url, requestTimeout: 200 },
      }).run(),
    );
    expect(err.errorClass).toBe('network');
    expect(err.message).toBe(`${new URL(server.url).host} did not answer within 200 ms (requestTimeout)`);
  });

  it('a connection closed in the middle of the answer is a network error', async () => {
    const server = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"items":[', () => res.socket?.destroy());
    });
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/x', items: 'items' }, service: { baseUrl: server.url } }).run(),
    );
    expect(err.errorClass).toBe('network');
    expect(err.message).toMatch(/closed the connection|reset|failed/);
  });

  it('stopping the run aborts the request with the stop reason, not a class of its own', async () => {
    const server = await serve(() => {});
    const h = harness({ handler: { kind: 'http', path: '/slow' }, service: { baseUrl: server.url } });
    const running = h.run();
    const reason = new Error('stopped by anna');
    h.controller.abort(reason);
    await expect(running).rejects.toBe(reason);
  });

  it('invalid JSON is unknown', async () => {
    const server = await statusServer(200, '{"items": [1, 2,', 'application/json');
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/x', items: 'items' }, service: { baseUrl: server.url } }).run(),
    );
    expect(err.errorClass).toBe('unknown');
    expect(err.message).toMatch(/^the answer is not valid JSON/);
  });

  it('an unexpected shape is unknown', async () => {
    const server = await statusServer(200, { items: { count: 3 } });
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/x', items: 'items' }, service: { baseUrl: server.url } }).run(),
    );
    expect(err.errorClass).toBe('unknown');
    expect(err.message).toBe('unexpected answer: expected a list of items at "items", found an object');
  });

  it('rejected items make warnings while the rest counts', async () => {
    const server = await statusServer(200, {
      leads: calls(1, 8),
      rejected: [
        { id: 'L-17', reason: 'phone number missing' },
        { id: 'L-23', reason: 'duplicate' },
      ],
    });
    const h = harness({
      handler: { kind: 'http', path: '/leads', items: 'leads', rejected: 'rejected' },
      service: { baseUrl: server.url },
    });
    await expect(h.run()).resolves.toEqual({ message: '8 leads received, 2 rejected' });
    expect(h.warnings).toEqual(['2 leads rejected: L-17: phone number missing; L-23: duplicate']);
  });

  it('strips terminal escape sequences from what the service says', async () => {
    const evil = '\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u001b[H\u001b]0;pwned\u0007Token \u009b31mexpired\u001bc';
    const server = await statusServer(401, { message: evil });
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/x' }, service: { baseUrl: server.url } }).run(),
    );
    expect(err.message).toBe("not authorized (401 Unauthorized): Token expired; check the service's credentials");
    expect(err.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);

    const rejected = await statusServer(200, {
      items: [],
      rejected: [{ id: 1, reason: `bad \u001b[1A\u001b[2Kline${evil}` }],
    });
    const h = harness({
      handler: { kind: 'http', path: '/x', items: 'items', rejected: 'rejected' },
      service: { baseUrl: rejected.url },
    });
    await h.run();
    expect(h.warnings).toEqual(['1 call rejected: 1: bad lineToken expired']);
  });
});

describe('http handler: httpHandler limits', () => {
  it('refuses an answer over maxResponseBytes by its Content-Length', async () => {
    const server = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(12 * 1024 * 1024) });
      res.write('[');
    });
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/big' }, service: { baseUrl: server.url } }).run(),
    );
    expect(err.errorClass).toBe('unknown');
    expect(err.message).toBe('the answer is too large: 12 MiB (the limit is 10 MiB, maxResponseBytes)');
  });

  it('stops reading an endless body at the cap instead of filling memory', async () => {
    let sent = 0;
    const server = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        let more = true;
        while (more && !res.destroyed) {
          more = res.write(chunk);
          sent += chunk.length;
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      res.write('{"items":[');
      pump();
    });
    const h = harness({
      handler: { kind: 'http', path: '/endless', items: 'items', maxResponseBytes: 256 * 1024 },
      service: { baseUrl: server.url },
    });
    const err = await failure(h.run());
    expect(err.errorClass).toBe('unknown');
    expect(err.message).toBe('the answer is too large: more than 256 KiB (the limit is 256 KiB, maxResponseBytes)');
    expect(h.exchanges[0]!.responseBody).toMatch(/\.\.\.\[truncated, more than \d+ bytes\]$/);
    expect(sent).toBeGreaterThan(256 * 1024);
  });

  it('fails on a redirect loop instead of following it forever', async () => {
    const { server, seen } = api({
      '/a': (_q, res) => void res.writeHead(302, { location: '/b' }).end(),
      '/b': (_q, res) => void res.writeHead(301, { location: '/a' }).end(),
    });
    const h = harness({ handler: { kind: 'http', path: '/a' }, service: { baseUrl: (await server).url } });
    const err = await failure(h.run());
    expect(err.errorClass).toBe('unknown');
    expect(err.message).toBe('redirect loop: /a -> /b -> /a');
    expect(seen).toHaveLength(2);
    expect(h.exchanges.map((e) => e.status)).toEqual([302, 301]);
  });

  it('fails after maxRedirects on an ever-changing redirect, and follows a short one', async () => {
    const { server } = api({
      '/hop': (_q, res, url) =>
        void res.writeHead(307, { location: `/hop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end(),
      '/old': (_q, res) => void res.writeHead(308, { location: '/new' }).end(),
      '/new': (_q, res) => sendJson(res, 200, { items: [1] }),
    });
    const base = (await server).url;
    const err = await failure(
      harness({ handler: { kind: 'http', path: '/hop', maxRedirects: 3 }, service: { baseUrl: base } }).run(),
    );
    expect(err.errorClass).toBe('unknown');
    expect(err.message).toMatch(/^too many redirects \(more than 3, maxRedirects\)/);
    await expect(
      harness({ handler: { kind: 'http', path: '/old', items: 'items' }, service: { baseUrl: base } }).run(),
    ).resolves.toEqual({ message: '1 call received' });
  });
});
