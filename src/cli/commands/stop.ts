import { setTimeout as delay } from 'node:timers/promises';
import { oneLine } from '../../engine/text/sanitize.js';
import { EngineError } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { CliError } from '../errors.js';
import { outcomeText } from './history.js';

/** How long `stop` waits to report how the run ended (the owner sees the request within 2 s). */
const WAIT_FOR_END_MS = 15_000;

export async function stopCommand(args: ParsedArgs): Promise<number> {
  const taskId = args.positionals[0]!;
  const ctx = await openContext(args, { kind: 'cli', start: false, schedule: false, demoServices: false });
  try {
    const before = (await ctx.engine.snapshot()).find((t) => t.id === taskId);
    const { runningOn } = await ctx.engine.stop(taskId).catch((err: unknown) => {
      if (err instanceof EngineError) throw new CliError(1, err.message);
      throw err;
    });
    if (!runningOn || !before?.lastRun) {
      process.stdout.write(`${taskId} is not running; nothing to stop\n`);
      return 0;
    }
    process.stdout.write(
      `stop requested for ${taskId} (run ${before.lastRun.id} on ${before.runningOnLabel ?? runningOn})\n`,
    );
    const deadline = Date.now() + WAIT_FOR_END_MS;
    while (Date.now() < deadline) {
      const [run] = await ctx.engine.history({ taskId, limit: 1 });
      if (run && run.id === before.lastRun.id && run.outcome !== 'running') {
        process.stdout.write(
          `run ${run.id} ended: ${outcomeText(run)}${run.message ? ` - ${oneLine(run.message)}` : ''}\n`,
        );
        return 0;
      }
      await delay(200);
    }
    process.stdout.write(
      `run ${before.lastRun.id} has not ended yet; its instance will stop it when it next checks in\n`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
}
