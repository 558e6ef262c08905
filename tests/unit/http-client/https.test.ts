// https URLs go through node:https: a certificate nobody vouches for is a network error
// naming TLS; a trusted one (here: the test's self-signed certificate added to the global
// agent's CAs, tests/fixtures/tls, valid 2000-2100) works, and br is offered as fetch did.
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { networkFailure } from '../../../src/engine/handlers/http/classify.js';
import { sendHttp } from '../../../src/engine/http-client/send.js';
import { readAll } from './read-all.js';

const key = readFileSync('tests/fixtures/tls/key.pem');
const cert = readFileSync('tests/fixtures/tls/cert.pem');
let server: https.Server;
let url: URL;
let acceptEncoding: string | undefined;

beforeEach(async () => {
  server = https.createServer({ key, cert }, (req, res) => {
    acceptEncoding = req.headers['accept-encoding'];
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
    res.end(brotliCompressSync('{"secure":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/calls`);
});

afterEach(async () => {
  delete https.globalAgent.options.ca;
  https.globalAgent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('http-client: https', () => {
  it('a self-signed certificate is a TLS error, class network', async () => {
    const err = await sendHttp({ method: 'GET', url, headers: {} }).catch((e: unknown) => e);
    expect(networkFailure(err, url)).toMatchObject({
      errorClass: 'network',
      message: `TLS error talking to ${url.host}: self-signed certificate`,
    });
  });

  it('a trusted certificate: the answer, decoded from br', async () => {
    https.globalAgent.options.ca = cert;
    const res = await sendHttp({ method: 'GET', url, headers: {} });
    expect(res.status).toBe(200);
    expect(await readAll(res.body)).toBe('{"secure":true}');
    expect(acceptEncoding).toBe('br, gzip, deflate');
  });
});
