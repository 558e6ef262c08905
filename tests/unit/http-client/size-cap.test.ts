// readBodyCapped on the client's bodies: the Content-Length refused before reading, and
// the decoded size counted (a small gzip that inflates past the cap stops at the cap).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBodyCapped } from '../../../src/engine/handlers/http/read-body.js';
import { sendHttp } from '../../../src/engine/http-client/send.js';
import { serve } from '../../helpers/local-server.js';

const KB = 1024;

async function get(handler: Parameters<typeof serve>[0]) {
  const server = await serve(handler);
  return sendHttp({ method: 'GET', url: new URL(server.url), headers: {} });
}

describe('http-client: readBodyCapped', () => {
  it('refuses by Content-Length before reading, and closes the connection', async () => {
    let closed: Promise<void> = Promise.resolve();
    const res = await get((req, res) => {
      closed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      res.writeHead(200, { 'content-length': String(3 * KB * KB) });
      res.write('[');
    });
    await expect(readBodyCapped(res, KB * KB)).rejects.toMatchObject({
      errorClass: 'unknown',
      message: 'the answer is too large: 3.0 MiB (the limit is 1.0 MiB, maxResponseBytes)',
    });
    await closed;
  });

  it('counts decoded bytes: 2 MB of gzip-compressed spaces stop at a 64 KiB cap', async () => {
    const bomb = gzipSync(Buffer.alloc(2 * KB * KB, 0x20));
    expect(bomb.length).toBeLessThan(64 * KB);
    const res = await get((_q, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    await expect(readBodyCapped(res, 64 * KB)).rejects.toMatchObject({
      message: 'the answer is too large: more than 64 KiB (the limit is 64 KiB, maxResponseBytes)',
    });
  });

  it('reads a body of exactly the cap, as UTF-8 without a byte order mark', async () => {
    const text = `\uFEFF${'é'.repeat(100)}`;
    const res = await get((_q, res) => void res.end(text));
    expect(await readBodyCapped(res, Buffer.byteLength(text))).toBe('é'.repeat(100));
  });
});
