import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { count } from '../output/counted.js';
import { printJson } from '../output/json.js';

/** What a purge did, in one line. */
export function purgeText(report: { detailsPurged: number; summariesDeleted: number }, historyDays: number): string {
  return `details removed from ${count(report.detailsPurged, 'run')}; ${count(report.summariesDeleted, 'runSummary')} older than ${count(historyDays, 'day')} deleted`;
}

export async function purgeCommand(args: ParsedArgs): Promise<number> {
  const ctx = await openContext(args, { kind: 'cli', start: false, schedule: false, demoServices: false });
  try {
    const report = await ctx.engine.purgeNow();
    if (args.options.json) printJson(report);
    else process.stdout.write(`${purgeText(report, ctx.config.historyDays)}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
