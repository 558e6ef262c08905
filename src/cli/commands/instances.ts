// `syncdeck instances [--json]`: every live syncdeck process sharing the database, and what
// each runs now. The command itself is not one of them (it registers no instance).
import type { InstanceView } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { instanceJson, printJson } from '../output/json.js';
import { renderTable } from '../output/table.js';
import { localTime, relative } from '../output/time.js';

/** "+120 ms" / "-2 s": the server's clock minus the instance's; "-" on SQLite. */
export function skewText(ms: number | null): string {
  if (ms === null) return '-';
  const sign = ms > 0 ? '+' : ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  return `${sign}${abs < 1000 ? `${abs} ms` : `${(abs / 1000).toFixed(1)} s`}`;
}

export function instancesTable(instances: readonly InstanceView[], now: number): string {
  return renderTable(instances, [
    { header: 'INSTANCE', value: (i) => i.label },
    { header: 'KIND', value: (i) => i.kind },
    { header: 'PID', value: (i) => String(i.pid), align: 'right' },
    { header: 'VERSION', value: (i) => i.version ?? '-' },
    { header: 'ROLES', value: (i) => i.roles.join(',') || '-', max: 30 },
    { header: 'STARTED', value: (i) => localTime(i.startedAt) },
    { header: 'HEARTBEAT', value: (i) => relative(i.heartbeatAt, now) },
    { header: 'SKEW', value: (i) => skewText(i.clockSkewMs), align: 'right' },
    { header: 'RUNNING', value: (i) => i.running.join(', ') || '-', max: 60 },
  ]);
}

export async function instancesCommand(args: ParsedArgs): Promise<number> {
  const ctx = await openContext(args, { kind: 'cli', start: false, schedule: false, demoServices: false });
  try {
    const instances = await ctx.engine.instances();
    if (args.options.json) printJson(instances.map(instanceJson));
    else process.stdout.write(instances.length ? instancesTable(instances, Date.now()) : 'no live instances\n');
    return 0;
  } finally {
    await ctx.close();
  }
}
