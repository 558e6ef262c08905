// A response body decoded by its Content-Encoding, as Node's fetch (undici) decodes it:
// codings undone last to first; gzip/x-gzip, deflate (zlib-wrapped or raw) and br, with
// the lenient flush curl uses; an unknown coding leaves the body as it came; more than
// five codings is an error; no decoding for HEAD or a status without a body.
import type { IncomingMessage } from 'node:http';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { HttpClientError } from './errors.js';
import { NO_BODY } from './status.js';

const MAX_CODINGS = 5;
const LENIENT = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

export function decodedBody(res: IncomingMessage, method: string, contentEncoding: string | undefined): Readable {
  if (!contentEncoding || method === 'HEAD' || method === 'CONNECT' || NO_BODY.has(res.statusCode ?? 0)) return res;
  const codings = contentEncoding.toLowerCase().split(',');
  if (codings.length > MAX_CODINGS)
    throw new HttpClientError(
      'ERR_CONTENT_ENCODING',
      `too many content-encodings in response: ${codings.length}, maximum allowed is ${MAX_CODINGS}`,
    );
  const decoders: Transform[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoder = decoderFor(codings[i]!.trim());
    if (!decoder) return res;
    decoders.push(decoder);
  }
  // Errors end up on the last stream, where the reader listens; the callback only keeps pipeline quiet.
  return pipeline([res, ...decoders], () => {}) as unknown as Readable;
}

function decoderFor(coding: string): Transform | null {
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip(LENIENT);
  if (coding === 'deflate') return new Inflate();
  if (coding === 'br')
    return zlib.createBrotliDecompress({
      flush: zlib.constants.BROTLI_OPERATION_FLUSH,
      finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
    });
  return null;
}

/** "deflate" as servers send it: zlib-wrapped (RFC 1950) or raw (RFC 1951), told apart by the first byte. */
class Inflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length === 0) return callback();
      this.inner = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(LENIENT) : zlib.createInflateRaw(LENIENT);
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.inner.write(chunk, callback);
  }

  /** The end is pushed by Transform once the inner stream has given everything. */
  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(err);
  }
}
