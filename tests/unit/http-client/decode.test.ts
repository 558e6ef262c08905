// Content-Encoding as fetch decoded it: gzip, x-gzip, deflate (zlib-wrapped and raw), br,
// two codings, an unknown one left alone, no decoding without a body, corrupt data a
// network error, more than five codings refused.
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { networkFailure } from '../../../src/engine/handlers/http/classify.js';
import { sendHttp } from '../../../src/engine/http-client/send.js';
import { serve } from '../../helpers/local-server.js';
import { readAll } from './read-all.js';

const TEXT = JSON.stringify({ items: Array.from({ length: 200 }, (_, id) => ({ id, name: 'патient' })) });

async function fetchEncoded(encoding: string, bytes: Buffer, status = 200) {
  const server = await serve((_q, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': encoding });
    res.end(status === 204 ? undefined : bytes);
  });
  const url = new URL(server.url);
  return { url, res: await sendHttp({ method: 'GET', url, headers: {} }) };
}

describe('http-client: decoding', () => {
  it.each([
    ['gzip', gzipSync(TEXT)],
    ['x-gzip', gzipSync(TEXT)],
    ['deflate', deflateSync(TEXT)],
    ['deflate', deflateRawSync(TEXT)],
    ['br', brotliCompressSync(TEXT)],
    ['gzip, br', brotliCompressSync(gzipSync(TEXT))],
    ['GZIP', gzipSync(TEXT)],
  ])('%s', async (encoding, bytes) => {
    const { res } = await fetchEncoded(encoding, bytes);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(await readAll(res.body)).toBe(TEXT);
  });

  it('leaves a body in an unknown coding as it came', async () => {
    const { res } = await fetchEncoded('gzip, zstd', Buffer.from('raw bytes'));
    expect(await readAll(res.body)).toBe('raw bytes');
  });

  it('decodes nothing for a status without a body', async () => {
    const { res } = await fetchEncoded('gzip', Buffer.alloc(0), 204);
    expect(res.status).toBe(204);
    expect(await readAll(res.body)).toBe('');
  });

  it('a body that does not decode fails the reader, classified as a network failure', async () => {
    const { url, res } = await fetchEncoded('gzip', Buffer.from('this is not gzip at all'));
    const err = await readAll(res.body).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'Z_DATA_ERROR' });
    expect(networkFailure(err, url)).toMatchObject({
      errorClass: 'network',
      message: `request to ${url.host} failed: incorrect header check`,
    });
  });

  it('refuses more than five codings, as fetch does', async () => {
    const server = await serve((_q, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip, gzip, gzip, gzip, gzip, gzip' });
      res.end('x');
    });
    await expect(sendHttp({ method: 'GET', url: new URL(server.url), headers: {} })).rejects.toMatchObject({
      code: 'ERR_CONTENT_ENCODING',
      message: 'too many content-encodings in response: 6, maximum allowed is 5',
    });
  });
});
