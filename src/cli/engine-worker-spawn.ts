// Starts the dashboard's engine thread (dashboard-worker.ts) and listens for its first word
// from the start: 'ready' or 'failed' (engine-worker.ts takes it from there).
import { Worker } from 'node:worker_threads';
import type { FromEngine } from '../engine/remote/protocol.js';
import type { ParsedArgs } from './args.js';
import { ENGINE_WORKER_LIMITS } from './small-heap.js';

export interface SpawnedWorker {
  worker: Worker;
  /** Its 'ready' or 'failed'; rejects when the thread fails or stops before either. */
  first: Promise<Extract<FromEngine, { kind: 'ready' | 'failed' }>>;
  /** Its exit code, once it has stopped. */
  exited: Promise<number>;
}

/** The worker's bundle sits beside this one in dist/ (scripts/build.mjs). */
const WORKER_URL = new URL('./dashboard-worker.mjs', import.meta.url);

export function spawnEngineWorker(args: ParsedArgs): SpawnedWorker {
  const worker = new Worker(WORKER_URL, { workerData: { args }, resourceLimits: ENGINE_WORKER_LIMITS });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const first = new Promise<Extract<FromEngine, { kind: 'ready' | 'failed' }>>((resolve, reject) => {
    const onMessage = (message: FromEngine) => {
      if (message.kind !== 'ready' && message.kind !== 'failed') return;
      worker.off('message', onMessage);
      resolve(message);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    void exited.then((code) =>
      reject(new Error(`the engine's worker thread stopped before it was ready (exit ${code})`)),
    );
  });
  first.catch(() => undefined); // awaited by startEngineWorker
  return { worker, first, exited };
}
