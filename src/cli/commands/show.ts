import { stripControls } from '../../engine/text/sanitize.js';
import { EngineError, INTERRUPTIONS_AS_FAILURE, type RunDetails } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { count } from '../output/counted.js';
import { printJson, runDetailsJson } from '../output/json.js';
import { localTime, shortDuration } from '../output/time.js';
import { outcomeText } from './history.js';

function indent(text: string, by = '    '): string {
  return stripControls(text)
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

export function formatRunDetails(d: RunDetails): string {
  const out: string[] = [];
  const line = (k: string, v: string) => out.push(`${k.padEnd(12)}${stripControls(v).replace(/\n/g, ' ')}`);
  line('Run', `${d.id}  ${d.taskName} (${d.taskId})`);
  line('Service', `${d.serviceName} (${d.service})`);
  line('Type', d.type);
  const where =
    d.instanceKind === null
      ? d.instanceLabel
      : `${d.instanceLabel} (${d.instanceKind}${d.instancePid === null ? '' : `, pid ${d.instancePid}`})`;
  line('Started', `${localTime(d.startedAt)} by ${d.startedBy} (${d.trigger}) on ${where}`);
  line(
    'Finished',
    d.finishedAt === null ? 'still running' : `${localTime(d.finishedAt)} after ${shortDuration(d.durationMs)}`,
  );
  line('Outcome', outcomeText(d));
  if (d.interruptedInARow >= 2)
    line(
      '',
      `interrupted ${d.interruptedInARow} times in a row${d.interruptedInARow >= INTERRUPTIONS_AS_FAILURE ? ' (counted as a failure)' : ''}`,
    );
  if (d.message) line('Message', d.message);
  if (d.progressTotal !== null || d.progressDone !== null)
    line('Progress', `${d.progressDone ?? 0}${d.progressTotal !== null ? `/${d.progressTotal}` : ''}`);
  if (d.detailsPurged) line('Details', `removed ${localTime(d.detailsPurgedAt)} (retention)`);
  else if (d.detailsKeptUntil !== null) line('Details', `kept until ${localTime(d.detailsKeptUntil)}`);
  if (!d.detailsPurged) {
    out.push('', 'Progress log:');
    if (d.log.length === 0) out.push('    (empty)');
    for (const l of d.log)
      out.push(
        `    ${localTime(l.at)} ${l.level.padEnd(5)} ${stripControls(l.message).replace(/\n/g, '\n' + ' '.repeat(30))}`,
      );
    if (d.hasDiagnostics) {
      out.push('', `Diagnostics (${count(d.exchanges.length, 'exchange')}):`);
      d.exchanges.forEach((e, i) => {
        out.push(
          '',
          `  #${i + 1} ${localTime(e.at)} ${stripControls(e.request.method)} ${stripControls(e.request.url)}  (${e.durationMs} ms)`,
        );
        for (const [k, v] of Object.entries(e.request.headers)) out.push(indent(`${k}: ${v}`));
        if (e.request.body) out.push(indent(e.request.body));
        if (e.response) {
          out.push(`  -> ${e.response.status}`);
          for (const [k, v] of Object.entries(e.response.headers)) out.push(indent(`${k}: ${v}`));
          if (e.response.body) out.push(indent(e.response.body));
        }
        if (e.error) out.push(`  !! ${stripControls(e.error)}`);
      });
    }
  }
  return out.join('\n') + '\n';
}

export async function showCommand(args: ParsedArgs): Promise<number> {
  const raw = args.positionals[0]!;
  if (!/^\d+$/.test(raw)) throw usageError(`show: "${raw}" is not a run id (a number, as in \`syncdeck history\`)`);
  const ctx = await openContext(args, { kind: 'cli', start: false, schedule: false, demoServices: false });
  try {
    const details = await ctx.engine.runDetails(Number(raw)).catch((err: unknown) => {
      if (err instanceof EngineError && err.code === 'not-found') throw new CliError(1, `no run ${raw}`);
      throw err;
    });
    if (args.options.json) printJson(runDetailsJson(details));
    else process.stdout.write(formatRunDetails(details));
    return 0;
  } finally {
    await ctx.close();
  }
}
