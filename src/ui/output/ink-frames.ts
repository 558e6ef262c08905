// What Ink writes, read back as frames. Ink (standard, not incremental, rendering) writes
// each frame whole, after erasing the previous one with cursor-up and erase-line
// sequences (or a full clear); besides frames it writes cursor show/hide and
// synchronized-output marks. We draw frames ourselves, so only the frame text counts.

/** Ink's prelude: erase-lines, cursor-up and column-1 moves, or its full clear. */
// eslint-disable-next-line no-control-regex
const PRELUDE = /^(?:\u001b\[2K|\u001b\[\d*A|\u001b\[1?G|\u001b\[2J|\u001b\[3J|\u001b\[H)+/;
// eslint-disable-next-line no-control-regex
const ONLY_ESCAPES = /^(?:\u001b\[[0-9;?]*[A-Za-z])*$/;

/** The lines of the frame in one chunk Ink writes, or null when the chunk is not a frame. */
export function inkFrameLines(chunk: string): string[] | null {
  const prelude = PRELUDE.exec(chunk)?.[0] ?? '';
  const body = chunk.slice(prelude.length);
  if (!body.includes('\n') && ONLY_ESCAPES.test(body)) return null;
  return body.replace(/\n$/, '').split('\n');
}
