// Reads a response body as text, refusing to hold more than `max` bytes (decoded).
import type { HttpResponse } from '../../http-client/types.js';
import { TaskError } from '../types.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

function tooLarge(size: string, max: number): TaskError {
  return new TaskError(
    'unknown',
    `the answer is too large: ${size} (the limit is ${formatBytes(max)}, maxResponseBytes)`,
  );
}

export function readBodyCapped(res: HttpResponse, max: number): Promise<string> {
  const { body } = res;
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    body.destroy();
    return Promise.reject(tooLarge(formatBytes(declared), max));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err: unknown) => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('close', onClose);
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      stop(tooLarge(`more than ${formatBytes(max)}`, max));
      body.destroy();
    };
    // TextDecoder (not Buffer#toString) drops a byte order mark, as fetch's text() did.
    const onEnd = () => resolve(new TextDecoder('utf-8').decode(Buffer.concat(chunks)));
    const onClose = () => stop(new Error('the answer was cut off before its end'));
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', stop);
    body.once('close', onClose);
    body.resume();
  });
}

/** Reads (for the diagnostics) and drops a body we do not need, such as a redirect's. */
export async function discardBody(res: HttpResponse, max = 64 * 1024): Promise<void> {
  await readBodyCapped(res, max).catch(() => {});
}
