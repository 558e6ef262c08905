// `syncdeck alerts`: the alerts sent to the clinic's support, newest first, with where each
// was delivered; `syncdeck alerts test`: a test alert to every channel, and what each
// answered (exit 1 when one failed). docs/alerts.md.
import type { AlertView } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { CliError } from '../errors.js';
import { alertJson, alertTestJson } from '../output/alert-json.js';
import { printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { localTime } from '../output/time.js';

export const DEFAULT_ALERTS_LIMIT = 20;

/** One channel's delivery in a few words: "webhook: delivered 02:16", "mail: 3 failed, next 02:30: exit 1". */
export function deliveryText(d: AlertView['deliveries'][number]): string {
  const why = d.lastError ? `: ${d.lastError}` : '';
  switch (d.state) {
    case 'delivered':
      return `${d.channel}: delivered ${localTime(d.deliveredAt)}`;
    case 'failed':
      return `${d.channel}: given up after ${d.attempts} ${d.attempts === 1 ? 'attempt' : 'attempts'}${why}`;
    case 'pending':
      return d.attempts === 0
        ? `${d.channel}: sending`
        : `${d.channel}: ${d.attempts} failed, next ${localTime(d.nextAttemptAt)}${why}`;
  }
}

export function alertsTable(alerts: readonly AlertView[]): string {
  return renderTable(alerts, [
    { header: 'ALERT', value: (a) => String(a.id), align: 'right' },
    { header: 'DECIDED', value: (a) => localTime(a.createdAt) },
    { header: 'EVENT', value: (a) => a.event },
    { header: 'TASK', value: (a) => a.taskId ?? '-' },
    { header: 'DELIVERY', value: (a) => a.deliveries.map(deliveryText).join('; '), max: 70 },
    { header: 'TEXT', value: (a) => a.text, max: 100 },
  ]);
}

export async function alertsCommand(args: ParsedArgs): Promise<number> {
  const ctx = await openContext(args, { kind: 'cli', start: false, schedule: false, demoServices: false });
  try {
    if (args.positionals[0] === 'test') return await test(ctx.engine, args.options.json, Boolean(ctx.config.alerts));
    const alerts = await ctx.engine.alerts(args.options.limit ?? DEFAULT_ALERTS_LIMIT);
    if (args.options.json) printJson(alerts.map(alertJson));
    else if (alerts.length === 0)
      process.stdout.write(
        ctx.config.alerts ? 'no alerts yet\n' : 'no alerts: the config has no alerts section (see docs/alerts.md)\n',
      );
    else process.stdout.write(alertsTable(alerts));
    return 0;
  } finally {
    await ctx.close();
  }
}

async function test(
  engine: Awaited<ReturnType<typeof openContext>>['engine'],
  json: boolean,
  configured: boolean,
): Promise<number> {
  if (!configured)
    throw new CliError(2, 'alerts test: the config has no alert channels (add an alerts section: see docs/alerts.md)');
  const results = await engine.testAlerts();
  if (json) printJson(results.map(alertTestJson));
  else
    for (const r of results)
      process.stdout.write(`${r.channel} (${r.kind}): ${r.ok ? 'delivered' : 'FAILED'} — ${r.message}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}
