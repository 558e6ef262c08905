import { formatDuration } from '../../config/duration.js';
import { clockSkewWarning } from '../../engine/clock-skew.js';
import { unknownUserHint } from '../../engine/identity.js';
import { newInstance } from '../../engine/instances.js';
import { taskReader } from '../../engine/task-reader.js';
import type { TaskView } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { count } from '../output/counted.js';
import { taskStatusJson } from '../output/json.js';
import { printJsonList } from '../output/json-list.js';
import { renderTable } from '../output/table.js';
import { localTime, relative } from '../output/time.js';
import { openStoreContext } from '../store-context.js';

export function intervalText(t: TaskView): string {
  if (t.cron)
    return t.failures > 0 && t.effectiveIntervalMs
      ? `${t.cron} (retry ${formatDuration(t.effectiveIntervalMs)})`
      : t.cron;
  if (t.intervalMs === null) return '-';
  const normal = formatDuration(t.intervalMs);
  return t.effectiveIntervalMs !== null && t.effectiveIntervalMs !== t.intervalMs
    ? `${normal} -> ${formatDuration(t.effectiveIntervalMs)}`
    : normal;
}

export function lastRunText(t: TaskView): string {
  if (t.repeat) return `${localTime(t.lastRun?.startedAt ?? null)} (repeat on ${t.runningOnLabel})`;
  const r = t.lastRun;
  if (!r) return t.last ? `${localTime(t.last.startedAt)} (${t.last.outcome})` : '-';
  const outcome = r.errorClass ? `${r.outcome}/${r.errorClass}` : r.outcome;
  return `${localTime(r.startedAt)} (${outcome})`;
}

/** Why a task that is not running has no next run: nobody would start it. */
export function noteText(t: TaskView): string {
  if (t.status === 'running' || t.idle !== 'no-instance') return '';
  return `no running instance has the role ${t.role}`;
}

export function statusWord(t: TaskView): string {
  return t.status === 'running' && t.progress !== null ? `running ${Math.round(t.progress * 100)}%` : t.status;
}

/** "since 2026-11-26 14:02:05, 3 runs"; empty for a task that is not failing. */
export function failingText(t: TaskView): string {
  return t.failingSince === null ? '' : `since ${localTime(t.failingSince)}, ${count(t.failures, 'run')}`;
}

export function statusTable(tasks: TaskView[], now: number): string {
  return renderTable(tasks, [
    { header: 'STATUS', value: statusWord },
    { header: 'TASK', value: (t) => t.id },
    { header: 'NAME', value: (t) => t.name, max: 28 },
    { header: 'TYPE', value: (t) => t.type },
    { header: 'SERVICE', value: (t) => t.service },
    { header: 'INTERVAL', value: intervalText },
    { header: 'NEXT RUN', value: (t) => relative(t.nextRunAt, now) },
    { header: 'LAST RUN', value: lastRunText },
    { header: 'FAILING', value: failingText },
    { header: 'NOTE', value: noteText },
  ]);
}

export async function statusCommand(args: ParsedArgs): Promise<number> {
  // The engine's reader alone: status reads the task list and starts nothing (task-reader.ts).
  const ctx = await openStoreContext(args, { kind: 'cli', demoServices: false });
  try {
    const engine = taskReader({
      store: ctx.store,
      config: ctx.config,
      identity: ctx.identity,
      instanceId: newInstance(ctx.user, 'cli').id,
    });
    const tasks = await engine.snapshot();
    if (args.options.json) printJsonList(tasks, taskStatusJson);
    else {
      const hint = unknownUserHint(ctx.identity);
      if (hint) process.stderr.write(`syncdeck: ${hint}\n`);
      const skew = clockSkewWarning(await engine.clockSkewMs());
      if (skew) process.stderr.write(`syncdeck: warning: ${skew}\n`);
      process.stdout.write(tasks.length ? statusTable(tasks, Date.now()) : 'no tasks to show\n');
    }
    return 0;
  } finally {
    await ctx.store.close();
    await ctx.closeDemo();
  }
}
