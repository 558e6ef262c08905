// The purge's worker thread: it ends when idle, and a purge that goes on after that gets a
// new one; the calls of the new worker are not failed by the old one's end. Its answers come
// through shared memory, its failures as messages, and it tells its thread's CPU time.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../../../src/db/index.js';
import { PurgeWorker, workerNice } from '../../../src/db/sqlite/purge-worker.js';
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

it('answers each call with its own result, fails a failing one, and counts its CPU time where Linux tells it', async () => {
  const file = join(dir(), 'q.db');
  await openStore(file).close();
  const worker = new PurgeWorker(file);
  try {
    const cutoffs = [{ outcome: 'success' as const, errorClass: null, finishedBefore: 0 }];
    // Two calls at once: each has its own answer.
    expect(await Promise.all([worker.deleteSummariesBefore(0, 10), worker.purgeExpiredDetails(cutoffs, 0, 5)])).toEqual(
      [0, 0],
    );
    await expect(worker.purgeExpiredDetails(cutoffs, 0, Number.NaN)).rejects.toThrow();
    expect(await worker.deleteSummariesBefore(0, 10)).toBe(0);
    if (process.platform !== 'linux') {
      expect(worker.cpuMs()).toBeNull();
      return;
    }
    // Linux moves a thread's CPU time on at scheduler ticks and switches, not within a slice:
    // a few tiny batches may all read 0. More calls (a bounded number) cross ticks for sure.
    for (let i = 0; i < 5_000 && worker.cpuMs() === 0; i++) await worker.deleteSummariesBefore(0, 10);
    expect(worker.cpuMs()).toBeGreaterThan(0);
  } finally {
    await worker.close();
  }
});

it('runs at nice 10 unless SYNCDECK_PURGE_NICE says 0–19', () => {
  expect([undefined, '', 'x', '-1', '20', '2.5'].map(workerNice)).toEqual([10, 10, 10, 10, 10, 10]);
  expect(['0', '5', '19'].map(workerNice)).toEqual([0, 5, 19]);
});
