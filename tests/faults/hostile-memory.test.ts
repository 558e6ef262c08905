// An endless answer must not fill memory: the http handler stops at maxResponseBytes and
// the diagnostics keep only their 64 KiB. In-process, so the test can watch the heap.
import { describe, expect, it } from 'vitest';
import { failure, harness } from '../helpers/handler-context.js';
import { endlessBody } from '../helpers/hostile-services.js';
import { serve } from '../helpers/local-server.js';

const MB = 1024 * 1024;

/** Runs `work` while sampling the resident set size; returns the largest growth seen. */
async function peakRssGrowth(work: () => Promise<unknown>): Promise<number> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await work();
  } finally {
    clearInterval(sample);
  }
  return Math.max(peak, process.memoryUsage().rss) - base;
}

describe('an endless body', () => {
  it(
    'ends the run as error/unknown at maxResponseBytes, with memory growth far below the body size',
    { timeout: 30_000 },
    async () => {
      const server = await serve(endlessBody);
      const h = harness({
        handler: { kind: 'http', path: '/calls', items: 'items', maxResponseBytes: 20 * MB },
        service: { baseUrl: server.url, requestTimeout: 20_000 },
      });
      let err: Error & { errorClass?: string } = new Error('not run');
      const growth = await peakRssGrowth(async () => {
        err = await failure(h.run());
      });
      expect(err.errorClass).toBe('unknown');
      expect(err.message).toMatch(/too large: more than 20 MiB/);
      expect(growth).toBeLessThan(100 * MB);
      expect(h.exchanges).toHaveLength(1);
      expect(Buffer.byteLength(h.exchanges[0]!.responseBody!)).toBeLessThanOrEqual(64 * 1024 + 200);
    },
  );
});
