import { stripControls } from '../../engine/text/sanitize.js';
import { EngineError, type RunSummary } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { CliError } from '../errors.js';
import { printJson, runSummaryJson } from '../output/json.js';
import { localTime, shortDuration } from '../output/time.js';
import { outcomeText } from './history.js';

export function exitCodeOf(run: RunSummary): number {
  return run.outcome === 'success' || run.outcome === 'warning' ? 0 : 1;
}

/** What `run --json` prints when the run does not start: JSON whatever happens. */
export function refusalJson(taskId: string, err: unknown): Record<string, unknown> {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof EngineError) {
    if (err.code === 'already-running') {
      return {
        error: 'running-elsewhere',
        taskId,
        runningOn: err.detail.instance ?? null,
        runningOnLabel: err.detail.instanceLabel ?? null,
        runId: err.detail.runId ?? null,
        message,
      };
    }
    const error = {
      'not-found': 'unknown-task',
      forbidden: 'not-permitted',
      invalid: 'not-startable',
      storage: 'storage',
      'already-running': 'running-elsewhere',
      starting: 'failed', // the dashboard's preview only
    }[err.code];
    return { error, taskId, message };
  }
  if (err instanceof CliError) return { error: err.exitCode === 2 ? 'usage' : 'failed', taskId, message };
  return { error: 'failed', taskId, message };
}

/** Runs TASK now, in the foreground, as the current user; Ctrl+C stops it (recorded cancelled). */
export async function runCommand(args: ParsedArgs): Promise<number> {
  const taskId = args.positionals[0]!;
  if (!args.options.json) return runTask(args, taskId);
  try {
    return await runTask(args, taskId);
  } catch (err) {
    printJson(refusalJson(taskId, err instanceof CliError && err.cause !== undefined ? err.cause : err));
    throw err;
  }
}

async function runTask(args: ParsedArgs, taskId: string): Promise<number> {
  const json = args.options.json;
  const ctx = await openContext(args, { kind: 'cli', start: true, schedule: false, demoServices: true });
  const onSigint = () => void ctx.engine.stop(taskId).catch(() => undefined);
  // The SSH link dropping (SIGHUP) or a kill (SIGTERM): record the run interrupted and free its lease, not die with it.
  const onGone = (signal: NodeJS.Signals) =>
    void ctx.engine
      .shutdown(
        'interrupted',
        signal === 'SIGHUP' ? 'the terminal went away (SIGHUP)' : `syncdeck run was stopped (${signal})`,
      )
      .catch(() => undefined);
  process.on('SIGINT', onSigint);
  process.on('SIGHUP', onGone);
  process.on('SIGTERM', onGone);
  try {
    let started: RunSummary;
    try {
      started = await ctx.engine.runNow(taskId);
    } catch (err) {
      if (err instanceof EngineError && err.code === 'already-running')
        throw new CliError(3, `${err.message}: no second start is needed`, { cause: err });
      if (err instanceof EngineError) throw new CliError(1, err.message, { cause: err });
      throw err;
    }
    const unsubscribe = json
      ? () => undefined
      : ctx.engine.subscribe((e) => {
          if (e.type === 'run-log' && e.runId === started.id)
            process.stderr.write(
              `${localTime(e.line.at)} ${e.line.level.padEnd(5)} ${stripControls(e.line.message)}\n`,
            );
        });
    if (!json) process.stderr.write(`run ${started.id} of ${taskId} started on ${started.instanceLabel}\n`);
    const run = await ctx.engine.waitForRun(started.id);
    unsubscribe();
    if (json) printJson(runSummaryJson(run));
    else
      process.stdout.write(
        `run ${run.id}: ${outcomeText(run)} after ${shortDuration(run.durationMs)}${run.message ? ` - ${stripControls(run.message).replace(/\n/g, ' ')}` : ''}\n`,
      );
    return exitCodeOf(run);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGHUP', onGone);
    process.off('SIGTERM', onGone);
    await ctx.close();
  }
}
