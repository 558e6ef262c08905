// The `command` handler (docs/tasks.md, The command handler): runs a program, reads the JSON-lines protocol
// on its stdout, keeps the tail of stderr in the log. Stop (or the task's timeout)
// sends SIGTERM to the program's process group, then SIGKILL after the grace period.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import type { CommandHandlerConfig } from '../../config/handlers.js';
import { oneLine, snippet, stripControls } from '../text/sanitize.js';
import { LineSplitter, TailBuffer } from './command/lines.js';
import { signalGroup } from './command/process-group.js';
import { parseProtocolLine } from './command/protocol.js';
import { TaskError, type Handler, type HandlerContext, type HandlerResult } from './types.js';

const STDERR_TAIL_BYTES = 8 * 1024;
/** After the program exits, how long its pipes may stay open (held by something it left behind). */
const PIPE_CLOSE_WAIT_MS = 2_000;

export const commandHandler: Handler = async (ctx) => {
  const handler = ctx.handler;
  if (handler.kind !== 'command') throw new TaskError('unknown', `the command handler got a ${handler.kind} task`);
  ctx.signal.throwIfAborted();
  return runCommand(ctx, handler);
};

function environment(ctx: HandlerContext, handler: CommandHandlerConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SYNCDECK_TASK: ctx.task.id,
    SYNCDECK_SERVICE: ctx.service.id,
    SYNCDECK_RUN_ID: String(ctx.runId),
    SYNCDECK_TRIGGER: ctx.trigger,
    ...(ctx.service.baseUrl ? { SYNCDECK_BASE_URL: ctx.service.baseUrl } : {}),
    ...handler.env,
  };
}

function runCommand(ctx: HandlerContext, handler: CommandHandlerConfig): Promise<HandlerResult> {
  const name = basename(handler.command);
  return new Promise<HandlerResult>((resolve, reject) => {
    const child = spawn(handler.command, handler.args, {
      cwd: handler.cwd,
      env: environment(ctx, handler),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });

    let reported: { errorClass: TaskError['errorClass']; message: string } | null = null;
    let result: string | null = null;
    const stdout = new LineSplitter((line) => {
      const msg = parseProtocolLine(line);
      switch (msg.kind) {
        case 'progress':
          ctx.progress(msg.done, msg.total);
          break;
        case 'warning':
          ctx.warn(oneLine(msg.text));
          break;
        case 'error':
          if (reported) ctx.log(`error: ${oneLine(msg.message)}`);
          else reported = { errorClass: msg.errorClass, message: oneLine(msg.message) };
          break;
        case 'result':
          result = snippet(msg.text, 500);
          break;
        default: {
          const text = stripControls(msg.text);
          if (text.trim() !== '') ctx.log(text);
        }
      }
    });
    const stderr = new TailBuffer(STDERR_TAIL_BYTES);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk)).on('error', () => {});
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk)).on('error', () => {});

    let killTimer: NodeJS.Timeout | undefined;
    let pipeTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      ctx.log(`stopping ${name}: sent SIGTERM`);
      signalGroup(child, 'SIGTERM');
      killTimer = setTimeout(() => {
        ctx.log(`${name} did not stop within ${formatMs(ctx.limits.stopGraceMs)}: sent SIGKILL`);
        signalGroup(child, 'SIGKILL');
      }, ctx.limits.stopGraceMs);
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    let settled = false;
    const settle = (outcome: { ok: HandlerResult } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      clearTimeout(pipeTimer);
      ctx.signal.removeEventListener('abort', onAbort);
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.error);
    };

    child.on('error', (err: NodeJS.ErrnoException) => {
      // Only a failure to start matters here (a failed kill is an 'error' too, and harmless).
      if (child.pid !== undefined) return;
      const why =
        err.code === 'ENOENT'
          ? 'no such program'
          : err.code === 'EACCES'
            ? 'permission denied (is it executable?)'
            : err.message;
      settle({ error: new TaskError('unknown', `cannot start ${handler.command}: ${why}`) });
    });

    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      // Whatever it left running in its group ends with it; stopped runs get no second chance.
      signalGroup(child, ctx.signal.aborted ? 'SIGKILL' : 'SIGTERM');
      pipeTimer = setTimeout(() => {
        signalGroup(child, 'SIGKILL');
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
      }, PIPE_CLOSE_WAIT_MS);
    });
    child.once('close', () => finish());

    const finish = () => {
      if (settled || exit === null) return;
      stdout.end();
      logStderr(ctx, stderr);
      settle(conclude(ctx, name, exit, reported, result, stderr));
    };
  });
}

function logStderr(ctx: HandlerContext, stderr: TailBuffer): void {
  const lines = stripControls(stderr.text())
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return;
  if (stderr.truncated)
    ctx.log(`stderr (the last ${STDERR_TAIL_BYTES / 1024} KiB of ${Math.ceil(stderr.total / 1024)} KiB):`);
  for (const line of lines) ctx.log(`stderr: ${line}`);
}

function conclude(
  ctx: HandlerContext,
  name: string,
  exit: { code: number | null; signal: NodeJS.Signals | null },
  reported: { errorClass: TaskError['errorClass']; message: string } | null,
  result: string | null,
  stderr: TailBuffer,
): { ok: HandlerResult } | { error: unknown } {
  if (ctx.signal.aborted) return { error: ctx.signal.reason ?? new Error('stopped') };
  if (reported) return { error: new TaskError(reported.errorClass, reported.message) };
  if (exit.code === 0) return { ok: { message: result ?? `${name} finished (exit code 0)` } };
  const lastErr = stripControls(stderr.text())
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop();
  const how = exit.code !== null ? `exited with code ${exit.code}` : `was killed by ${exit.signal}`;
  return { error: new TaskError('unknown', `${name} ${how}${lastErr ? `: ${snippet(lastErr, 200)}` : ''}`) };
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms} ms`;
}
