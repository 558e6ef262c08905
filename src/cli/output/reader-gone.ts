// A reader of the output that goes away (`syncdeck status | head`, a log pipe closed): Node
// gets EPIPE on the next write and, with nobody listening, crashes with a stack trace. A
// command instead finishes what it does without writing more (a read command's answer was
// cut where the reader chose; a run goes on to its end), and the headless engine stops as
// on SIGTERM (src/cli/commands/engine.ts). Any other write error stays fatal.
const gone = new WeakMap<NodeJS.WritableStream, Promise<void>>();

/** Resolves once `stream`'s reader has gone away; from then on writes to it are dropped. */
export function readerGone(stream: NodeJS.WritableStream): Promise<void> {
  let known = gone.get(stream);
  if (!known) {
    known = new Promise((resolve) => {
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
        resolve();
      });
    });
    gone.set(stream, known);
  }
  return known;
}
