// Starts the dashboard's engine in a worker thread (dashboard-worker.ts) and
// gives the screen an EngineApi over it.
import { Worker } from 'node:worker_threads';
import { remoteEngine, type RemoteEngine } from '../engine/remote/remote-engine.js';
import type { Channel, FromEngine, ToEngine } from '../engine/remote/protocol.js';
import type { ParsedArgs } from './args.js';
import { settledWithin } from './close-deadline.js';
import { CliError } from './errors.js';
import { ENGINE_WORKER_LIMITS } from './small-heap.js';

export interface EngineWorker {
  engine: RemoteEngine;
  /**
   * Ends this instance's runs with `outcome`, releases their leases, stops the worker. Once.
   * 'late': the engine did not finish within its deadline (a database that stopped
   * answering); the worker was stopped anyway, and the runs are left to their leases.
   */
  close(outcome: 'cancelled' | 'interrupted', why: string): Promise<'closed' | 'late'>;
  /** The worker failed after it was ready (a bug in the engine): the dashboard cannot go on. */
  onCrash(listener: (err: Error) => void): void;
}

/** The worker's bundle sits beside this one in dist/ (scripts/build.mjs). */
const WORKER_URL = new URL('./dashboard-worker.mjs', import.meta.url);

/** The worker, listened to from its start for its first word: 'ready' or 'failed'. */
function spawnEngineWorker(args: ParsedArgs) {
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
  return { worker, first, exited };
}

/**
 * `abort`: stops a worker that is not ready yet (the user quit while it started); the promise
 * then rejects.
 */
export async function startEngineWorker(args: ParsedArgs, abort?: AbortSignal): Promise<EngineWorker> {
  const spawned = spawnEngineWorker(args);
  const { worker, exited } = spawned;
  const channel = worker as unknown as Channel<FromEngine, ToEngine>;
  const stop = () => void worker.terminate();
  if (abort?.aborted) stop();
  abort?.addEventListener('abort', stop, { once: true });
  const first = await spawned.first;
  abort?.removeEventListener('abort', stop);
  if (first.kind === 'failed') {
    await worker.terminate();
    throw new CliError(first.exitCode === 2 || first.exitCode === 3 ? first.exitCode : 1, first.message);
  }
  const engine = remoteEngine(channel, first.facts, first.snapshot);
  const { closeWithinMs } = first;
  let closing: Promise<'closed' | 'late'> | null = null;
  const crashListeners: ((err: Error) => void)[] = [];
  worker.on('error', (err) => crashListeners.forEach((l) => l(err)));
  return {
    engine,
    onCrash: (listener) => void crashListeners.push(listener),
    close(outcome, why) {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => {
          const onMessage = (message: FromEngine) => message.kind === 'closed' && resolve();
          worker.on('message', onMessage);
          void exited.then(() => resolve());
        });
        channel.postMessage({ kind: 'shutdown', outcome, why });
        // A quit must end the process even when the database stopped answering (close-deadline.ts).
        const end = await settledWithin(closed, closeWithinMs);
        engine.detach();
        await worker.terminate();
        return end;
      })();
      return closing;
    },
  };
}
