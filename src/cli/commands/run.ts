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

/** Runs TASK now, in the foreground, as the current user; Ctrl+C stops it (recorded cancelled). */
export async function runCommand(args: ParsedArgs): Promise<number> {
  const taskId = args.positionals[0]!;
  const json = args.options.json;
  const ctx = await openContext(args, { kind: 'cli', start: true, schedule: false, demoServices: true });
  const onSigint = () => void ctx.engine.stop(taskId).catch(() => undefined);
  // The SSH link dropping (SIGHUP) or a kill (SIGTERM): record the run interrupted and free its lease, not die with it.
  const onGone = (signal: NodeJS.Signals) =>
    void ctx.engine.shutdown('interrupted', signal === 'SIGHUP' ? 'the terminal went away (SIGHUP)' : `syncdeck run was stopped (${signal})`).catch(() => undefined);
  process.on('SIGINT', onSigint);
  process.on('SIGHUP', onGone);
  process.on('SIGTERM', onGone);
  try {
    let started: RunSummary;
    try {
      started = await ctx.engine.runNow(taskId);
    } catch (err) {
      if (err instanceof EngineError && err.code === 'already-running') throw new CliError(3, `${err.message}: no second start is needed`);
      if (err instanceof EngineError) throw new CliError(1, err.message);
      throw err;
    }
    const unsubscribe = json
      ? () => undefined
      : ctx.engine.subscribe((e) => {
          if (e.type === 'run-log' && e.runId === started.id) process.stderr.write(`${localTime(e.line.at)} ${e.line.level.padEnd(5)} ${stripControls(e.line.message)}\n`);
        });
    if (!json) process.stderr.write(`run ${started.id} of ${taskId} started on ${started.instanceLabel}\n`);
    const run = await ctx.engine.waitForRun(started.id);
    unsubscribe();
    if (json) printJson(runSummaryJson(run));
    else process.stdout.write(`run ${run.id}: ${outcomeText(run)} after ${shortDuration(run.durationMs)}${run.message ? ` - ${stripControls(run.message).replace(/\n/g, ' ')}` : ''}\n`);
    return exitCodeOf(run);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGHUP', onGone);
    process.off('SIGTERM', onGone);
    await ctx.close();
  }
}
