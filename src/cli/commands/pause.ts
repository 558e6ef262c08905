import { EngineError } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { CliError } from '../errors.js';

export async function pauseCommand(args: ParsedArgs, paused: boolean): Promise<number> {
  const taskId = args.positionals[0]!;
  const ctx = await openContext(args, { kind: 'cli', start: false, schedule: false, demoServices: false });
  try {
    await (paused ? ctx.engine.pause(taskId) : ctx.engine.resume(taskId)).catch((err: unknown) => {
      if (err instanceof EngineError) throw new CliError(1, err.message);
      throw err;
    });
    process.stdout.write(
      paused ? `${taskId} paused: no automatic runs until \`syncdeck resume ${taskId}\`\n` : `${taskId} resumed\n`,
    );
    return 0;
  } finally {
    await ctx.close();
  }
}
