// exitWhenWritten (src/cli/exit-when-written.ts): a read command's process exits with its
// code only after what it wrote to stdout and stderr is out, not while a write is queued.
import { afterEach, expect, test, vi } from 'vitest';
import { exitWhenWritten } from '../../../src/cli/exit-when-written.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Holds each write's callback until released, as a pipe whose reader is behind does. */
function heldWrites(stream: NodeJS.WriteStream) {
  const held: (() => void)[] = [];
  vi.spyOn(stream, 'write').mockImplementation(((_chunk: unknown, done?: () => void) => {
    if (done) held.push(done);
    return false;
  }) as NodeJS.WriteStream['write']);
  return held;
}

test('exits with the code once stdout and stderr have both written everything before', async () => {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const out = heldWrites(process.stdout);
  const err = heldWrites(process.stderr);
  void exitWhenWritten(3);
  await Promise.resolve();
  expect(out).toHaveLength(1);
  expect(err).toHaveLength(1);
  out[0]!();
  await new Promise((resolve) => setImmediate(resolve));
  expect(exit).not.toHaveBeenCalled();
  err[0]!();
  await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(3));
});
