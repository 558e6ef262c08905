// How a read command's process ends. `status`, `history`, `show` and `instances` leave
// nothing running when they return (their database is closed), so the process ends as soon
// as what they wrote has reached stdout and stderr, without the teardown of a natural end:
// V8 freeing its heaps and isolate page by page was ~30 ms of CPU of a 350 ms
// `status --json` on the 1M database (BENCHMARKS.md, Where it goes). A pipe may still hold
// the last chunks in Node's queue when the command returns: each stream is written an empty
// string first, whose callback comes after everything before it is out (or failed: a reader
// that went away, as `status | head`, must not keep the process alive).
function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

export async function exitWhenWritten(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
