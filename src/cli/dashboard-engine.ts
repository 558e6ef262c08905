// The dashboard's engine, in a worker thread of its own (started by dashboard-worker.ts): the scheduler, the runs, the
// heartbeats and the leases, the database and the demo services live here, where a
// terminal write that blocks (an SSH client that stopped reading) cannot reach them. The
// screen (main thread) talks to it through the engine API only (src/engine/remote/;
// docs/ARCHITECTURE.md, Composition root).
import { parentPort, workerData } from 'node:worker_threads';
import { serveEngine } from '../engine/remote/engine-host.js';
import type { Channel, FromEngine, ToEngine } from '../engine/remote/protocol.js';
import type { ParsedArgs } from './args.js';
import { openContext, type CommandContext } from './context.js';
import { closeWithinMs } from './close-deadline.js';
import { exitCodeFor } from './exit-code.js';

/** The loops start this long after `ready` even if the screen never asks for a snapshot. */
const FIRST_FRAME_WAIT_MS = 2_000;

const port = parentPort as unknown as Channel<ToEngine, FromEngine> | null;
if (!port) throw new Error('dashboard-engine runs only as a worker thread');

async function serve(channel: Channel<ToEngine, FromEngine>, args: ParsedArgs): Promise<void> {
  let ctx: CommandContext;
  try {
    ctx = await openContext(args, { kind: 'ui', start: true, schedule: true, demoServices: true, deferLoops: true });
  } catch (err) {
    const { code, message } = exitCodeFor(err);
    channel.postMessage({ kind: 'failed', exitCode: code, message });
    return;
  }
  const stop = serveEngine(ctx.engine, channel);
  // The first frame before anything that can wait: the screen gets a first snapshot with
  // `ready`, and the scheduler and the other loops (which compete with it for the CPU and
  // the database) start when the screen has it, or after FIRST_FRAME_WAIT_MS at the latest.
  const fallback = setTimeout(() => ctx.engine.startLoops(), FIRST_FRAME_WAIT_MS);
  const onFirstSnapshot = (message: ToEngine) => {
    if (message.kind !== 'first-snapshot') return;
    channel.off('message', onFirstSnapshot);
    clearTimeout(fallback);
    ctx.engine.startLoops();
  };
  channel.on('message', onFirstSnapshot);
  const onShutdown = (message: ToEngine) => {
    if (message.kind !== 'shutdown') return;
    clearTimeout(fallback);
    channel.off('message', onShutdown);
    void ctx.close(message.outcome, message.why).finally(() => {
      stop();
      channel.postMessage({ kind: 'closed' });
    });
  };
  channel.on('message', onShutdown);
  const { identity, instance, location } = ctx.engine;
  const snapshot = await ctx.engine.snapshot().catch(() => undefined);
  channel.postMessage({
    kind: 'ready',
    facts: { identity, instance, location },
    snapshot,
    closeWithinMs: closeWithinMs(ctx.config.engine.stopGrace),
  });
}

await serve(port, (workerData as { args: ParsedArgs }).args);
