// The purge's worker thread: it ends when idle, and a purge that goes on after that gets a
// new one; the calls of the new worker are not failed by the old one's end.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../../../src/db/index.js';
import { PurgeWorker } from '../../../src/db/sqlite/purge-worker.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-purge-worker-');

it('starts again after it ended for being idle, and answers the new calls', async () => {
  const file = join(dir(), 'p.db');
  await openStore(file).close();
  const worker = new PurgeWorker(file);
  try {
    expect(await worker.deleteSummariesBefore(0, 10)).toBe(0);
    // What the idle timer does, then at once the next batch of the same purge.
    const ended = worker.close();
    const next = worker.purgeExpiredDetails([{ outcome: 'success', errorClass: null, finishedBefore: 0 }], 0, 10);
    await ended;
    expect(await next).toBe(0);
  } finally {
    await worker.close();
  }
});
