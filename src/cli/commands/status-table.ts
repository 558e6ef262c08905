// `status` as a table (without --json): its columns, and the hint and clock warning on
// stderr. Loaded only for the table: `status --json` (scripts, monitoring) loads none of the
// table's modules (docs/ARCHITECTURE.md, Composition root).
import { formatDuration } from '../../config/duration.js';
import { clockSkewWarning } from '../../engine/clock-skew.js';
import type { TaskReader } from '../../engine/task-reader.js';
import type { TaskView } from '../../engine/types.js';
import { count } from '../output/counted.js';
import { renderTable } from '../output/table.js';
import { localTime, relative } from '../output/time.js';

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

/** Writes the task table to stdout, after the unknown-user hint (if any) and a clock-skew warning on stderr. */
export async function printStatusTable(tasks: TaskView[], hint: string | null, engine: TaskReader): Promise<void> {
  if (hint) process.stderr.write(`syncdeck: ${hint}\n`);
  const skew = clockSkewWarning(await engine.clockSkewMs());
  if (skew) process.stderr.write(`syncdeck: warning: ${skew}\n`);
  process.stdout.write(tasks.length ? statusTable(tasks, Date.now()) : 'no tasks to show\n');
}
