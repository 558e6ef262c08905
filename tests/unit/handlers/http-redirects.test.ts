// The http handler's redirects, followed by hand over node:http: the method and body a
// hop keeps, credentials left behind on another origin, and answers that are not redirects.
import { describe, expect, it } from 'vitest';
import { readRequestBody, sendJson } from '../../../src/demo/http-server.js';
import { failure, harness } from '../../helpers/handler-context.js';
import { serve } from '../../helpers/local-server.js';

interface Seen {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

async function recording(route: (path: string) => { status: number; location?: string }) {
  const seen: Seen[] = [];
  const server = await serve(async (req, res) => {
    seen.push({
      method: req.method ?? '',
      path: req.url ?? '',
      body: await readRequestBody(req),
      headers: req.headers,
    });
    const { status, location } = route(req.url ?? '');
    if (status === 200) return sendJson(res, 200, { items: [1, 2] });
    res.writeHead(status, location === undefined ? {} : { location }).end();
  });
  return { server, seen };
}

describe('http handler: redirects', () => {
  it('303 after a POST continues as a GET without the body; 307 keeps the POST and its body', async () => {
    const { server, seen } = await recording((path) =>
      path === '/send'
        ? { status: 303, location: '/see' }
        : path === '/keep'
          ? { status: 307, location: '/see' }
          : { status: 200 },
    );
    const post = (path: string) =>
      harness({
        handler: { kind: 'http', method: 'POST', path, body: { to: '+7900' }, items: 'items' },
        service: { baseUrl: server.url },
      }).run();
    await expect(post('/send')).resolves.toEqual({ message: '2 calls processed' });
    await expect(post('/keep')).resolves.toEqual({ message: '2 calls processed' });
    expect(seen.map((s) => [s.method, s.path, s.body, s.headers['content-type']])).toEqual([
      ['POST', '/send', '{"to":"+7900"}', 'application/json'],
      ['GET', '/see', '', undefined],
      ['POST', '/keep', '{"to":"+7900"}', 'application/json'],
      ['POST', '/see', '{"to":"+7900"}', 'application/json'],
    ]);
  });

  it("leaves the service's credentials behind on a redirect to another origin", async () => {
    const other = await recording(() => ({ status: 200 }));
    const first = await recording(() => ({ status: 302, location: `${other.server.url}/elsewhere` }));
    const h = harness({
      handler: { kind: 'http', path: '/calls', items: 'items' },
      service: { baseUrl: first.server.url, auth: { type: 'bearer', token: 'tok-1' } },
    });
    await expect(h.run()).resolves.toEqual({ message: '2 calls received' });
    expect(first.seen[0]!.headers.authorization).toBe('Bearer tok-1');
    expect(other.seen[0]!.headers.authorization).toBeUndefined();
    expect(h.exchanges.map((e) => e.status)).toEqual([302, 200]);
  });

  it('a redirect without a Location, or to a non-HTTP address, is unknown', async () => {
    const { server } = await recording((path) =>
      path === '/nowhere' ? { status: 301 } : { status: 302, location: 'ftp://files.example/x' },
    );
    const run = (path: string) =>
      failure(harness({ handler: { kind: 'http', path }, service: { baseUrl: server.url } }).run());
    await expect(run('/nowhere')).resolves.toMatchObject({
      errorClass: 'unknown',
      message: 'the service answered 301 (a redirect) without a Location header',
    });
    await expect(run('/ftp')).resolves.toMatchObject({
      errorClass: 'unknown',
      message: 'the service redirected to a non-HTTP address (ftp:)',
    });
  });
});
