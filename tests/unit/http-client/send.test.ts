// sendHttp against a real server on 127.0.0.1: what goes out, what comes back, and that
// it follows no redirect itself (the http handler does, by hand).
import { describe, expect, it } from 'vitest';
import { closedPort, readRequestBody, sendJson } from '../../../src/demo/http-server.js';
import { sendHttp } from '../../../src/engine/http-client/send.js';
import { serve } from '../../helpers/local-server.js';
import { readAll } from './read-all.js';

describe('http-client: sendHttp', () => {
  it('sends method, headers (lower-cased, the later of two spellings) and body; reads status, headers and body', async () => {
    let seen: { method?: string; headers: Record<string, unknown>; body: string } = { headers: {}, body: '' };
    const server = await serve(async (req, res) => {
      seen = { method: req.method, headers: req.headers, body: await readRequestBody(req) };
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.setHeader('X-Trace', 'abc');
      sendJson(res, 201, { ok: true });
    });
    const res = await sendHttp({
      method: 'POST',
      url: new URL(`${server.url}/hook?x=1`),
      headers: { 'Content-Type': 'text/plain', 'content-type': 'application/json', 'X-Clinic': 'north' },
      body: '{"héllo":1}',
    });
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Created');
    expect(res.url.href).toBe(`${server.url}/hook?x=1`);
    expect(res.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'set-cookie': 'a=1, b=2',
      'x-trace': 'abc',
    });
    expect(await readAll(res.body)).toBe('{"ok":true}');
    expect(seen.method).toBe('POST');
    expect(seen.body).toBe('{"héllo":1}');
    expect(seen.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength('{"héllo":1}')),
      'x-clinic': 'north',
      accept: '*/*',
      'accept-encoding': 'gzip, deflate',
    });
  });

  it('keeps an accept and accept-encoding the caller gave', async () => {
    let headers: Record<string, unknown> = {};
    const server = await serve((req, res) => {
      headers = req.headers;
      res.end();
    });
    const res = await sendHttp({
      method: 'GET',
      url: new URL(server.url),
      headers: { Accept: 'application/json', 'Accept-Encoding': 'identity' },
    });
    await readAll(res.body);
    expect(headers).toMatchObject({ accept: 'application/json', 'accept-encoding': 'identity' });
  });

  it('gives a redirect back as it is, Location included, without following it', async () => {
    const paths: string[] = [];
    const server = await serve((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(302, { location: '/new' }).end('moved');
    });
    const res = await sendHttp({ method: 'GET', url: new URL(`${server.url}/old`), headers: {} });
    expect([res.status, res.headers.location, await readAll(res.body)]).toEqual([302, '/new', 'moved']);
    expect(paths).toEqual(['/old']);
  });

  it('fails with the socket error when nothing listens', async () => {
    const port = await closedPort();
    await expect(
      sendHttp({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/`), headers: {} }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
