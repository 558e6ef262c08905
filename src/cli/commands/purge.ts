import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { printJson } from '../output/json.js';

export async function purgeCommand(args: ParsedArgs): Promise<number> {
  const ctx = await openContext(args, { kind: 'cli', start: false, schedule: false, demoServices: false });
  try {
    const report = await ctx.engine.purgeNow();
    if (args.options.json) printJson(report);
    else process.stdout.write(`details removed from ${report.detailsPurged} runs; ${report.summariesDeleted} run summaries older than ${ctx.config.historyDays} days deleted\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
