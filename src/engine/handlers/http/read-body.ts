// Reads a response body as text, refusing to hold more than `max` bytes.
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

export async function readBodyCapped(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body.cancel().catch(() => {});
    throw tooLarge(formatBytes(declared), max);
  }
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(`more than ${formatBytes(max)}`, max);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

/** Reads (for the diagnostics) and drops a body we do not need, such as a redirect's. */
export async function discardBody(res: Response, max = 64 * 1024): Promise<void> {
  await readBodyCapped(res, max).catch(() => {});
}
