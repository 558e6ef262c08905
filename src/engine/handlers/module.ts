// The `module` handler (docs/tasks.md, The module handler): a JavaScript module whose default export is
// `async (ctx) => …`. A thrown error keeps its class (`errorClass` or `class`), else unknown.
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { oneLine } from '../text/sanitize.js';
import { TaskError, errorClassOf, type Handler, type HandlerResult } from './types.js';

export const moduleHandler: Handler = async (ctx) => {
  const handler = ctx.handler;
  if (handler.kind !== 'module') throw new TaskError('unknown', `the module handler got a ${handler.kind} task`);
  const run = await load(handler.module);
  ctx.signal.throwIfAborted();
  let value: unknown;
  try {
    value = await run(ctx);
  } catch (err) {
    if (ctx.signal.aborted || err instanceof TaskError) throw err;
    throw new TaskError(errorClassOf(err), messageOf(err));
  }
  return resultOf(value);
};

async function load(file: string): Promise<(ctx: unknown) => unknown> {
  let mod: { default?: unknown };
  try {
    // The modification time in the URL makes an edited module load afresh without a restart.
    const { mtimeMs } = await stat(file);
    const url = pathToFileURL(file);
    url.searchParams.set('v', String(Math.trunc(mtimeMs)));
    mod = (await import(url.href)) as { default?: unknown };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TaskError(
      'unknown',
      `cannot load module ${file}: ${code === 'ENOENT' ? 'no such file' : messageOf(err)}`,
    );
  }
  if (typeof mod.default !== 'function') {
    throw new TaskError(
      'unknown',
      `module ${file} has no default export function (expected \`export default async (ctx) => ...\`)`,
    );
  }
  return mod.default as (ctx: unknown) => unknown;
}

function messageOf(err: unknown): string {
  const text =
    err instanceof Error
      ? err.message || err.name
      : typeof err === 'string'
        ? err
        : (JSON.stringify(err) ?? String(err));
  return oneLine(text) || 'the module failed without a message';
}

/** A module may return nothing, a message string, or `{ message }`. */
function resultOf(value: unknown): HandlerResult {
  if (typeof value === 'string') return { message: oneLine(value) };
  if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    return { message: oneLine((value as { message: string }).message) };
  }
  return {};
}
