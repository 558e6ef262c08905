import type { HistoryQuery, RunSummary } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { checkHistoryFilters } from '../history-filters.js';
import { printJson, runSummaryJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { localTime, shortDuration } from '../output/time.js';

export const DEFAULT_HISTORY_LIMIT = 50;

export function outcomeText(r: RunSummary): string {
  return r.errorClass ? `${r.outcome}/${r.errorClass}` : r.outcome;
}

export function historyTable(runs: RunSummary[]): string {
  return renderTable(runs, [
    { header: 'RUN', value: (r) => String(r.id), align: 'right' },
    { header: 'STARTED', value: (r) => localTime(r.startedAt) },
    { header: 'TASK', value: (r) => r.taskId },
    { header: 'SERVICE', value: (r) => r.service },
    { header: 'TYPE', value: (r) => r.type },
    { header: 'OUTCOME', value: outcomeText },
    { header: 'TIME', value: (r) => shortDuration(r.durationMs), align: 'right' },
    { header: 'BY', value: (r) => r.startedBy },
    { header: 'INSTANCE', value: (r) => r.instanceLabel },
    { header: 'MESSAGE', value: (r) => r.message ?? '', max: 60 },
    { header: 'i', value: (r) => (r.detailsPurged ? '' : 'i') },
  ]);
}

export async function historyCommand(args: ParsedArgs): Promise<number> {
  const o = args.options;
  const query: HistoryQuery = {
    limit: o.limit ?? DEFAULT_HISTORY_LIMIT,
    taskId: o.task,
    service: o.service,
    type: o.type,
    outcome: o.errors ? 'errors' : (o.outcome as HistoryQuery['outcome']),
    startedBy: o.by,
    since: o.since,
    until: o.until,
    beforeId: o.before,
  };
  const ctx = await openContext(args, { kind: 'cli', start: false, schedule: false, demoServices: false });
  try {
    const engine = ctx.engine;
    await checkHistoryFilters(
      query,
      await engine.catalog(),
      async (user) => (await engine.history({ startedBy: user, limit: 1 })).length > 0,
    );
    // One more than shown: the hint to the next page is given only when there is one.
    const fetched = await engine.history({ ...query, limit: query.limit + 1 });
    const runs = fetched.slice(0, query.limit);
    if (o.json) printJson(runs.map(runSummaryJson));
    else if (runs.length === 0) process.stdout.write('no runs match\n');
    else {
      process.stdout.write(historyTable(runs));
      if (fetched.length > runs.length) process.stdout.write(`(more: --before ${runs[runs.length - 1]!.id})\n`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
