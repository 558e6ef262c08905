// The dashboard's engine, in a worker thread of its own: the scheduler, the runs, the
// heartbeats and the leases, the database and the demo services live here, where a
// terminal write that blocks (an SSH client that stopped reading) cannot reach them. The
// screen (main thread) talks to it through the engine API only (src/engine/remote/;
// docs/ARCHITECTURE.md, Composition root).
import { parentPort, workerData } from 'node:worker_threads';
import { serveEngine } from '../engine/remote/engine-host.js';
import type { Channel, FromEngine, ToEngine } from '../engine/remote/protocol.js';
import type { ParsedArgs } from './args.js';
import { openContext, type CommandContext } from './context.js';
import { exitCodeFor } from './exit-code.js';

const port = parentPort as unknown as Channel<ToEngine, FromEngine> | null;
if (!port) throw new Error('dashboard-worker runs only as a worker thread');

async function serve(channel: Channel<ToEngine, FromEngine>, args: ParsedArgs): Promise<void> {
  let ctx: CommandContext;
  try {
    ctx = await openContext(args, { kind: 'ui', start: true, schedule: true, demoServices: true });
  } catch (err) {
    const { code, message } = exitCodeFor(err);
    channel.postMessage({ kind: 'failed', exitCode: code, message });
    return;
  }
  const stop = serveEngine(ctx.engine, channel);
  const onShutdown = (message: ToEngine) => {
    if (message.kind !== 'shutdown') return;
    channel.off('message', onShutdown);
    void ctx.close(message.outcome, message.why).finally(() => {
      stop();
      channel.postMessage({ kind: 'closed' });
    });
  };
  channel.on('message', onShutdown);
  const { identity, instance, location } = ctx.engine;
  channel.postMessage({ kind: 'ready', facts: { identity, instance, location } });
}

await serve(port, (workerData as { args: ParsedArgs }).args);
