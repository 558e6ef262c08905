// What each column of the task table needs to show its tasks whole (pure): the widest name,
// interval and last run of the tasks on screen, and the widest next run any task can show.
// Stable while tasks run: the last run is measured with the longest outcome word, so a run
// starting or ending does not move the columns.
import { hasRecentRuns } from '../../engine/recent-runs.js';
import { oneLine } from '../../engine/text/sanitize.js';
import { OUTCOMES, type TaskView } from '../../engine/types.js';
import { formatClock, formatRelative } from '../format.js';
import type { Catalogue } from '../i18n/index.js';
import { cellWidth } from '../text/cells.js';
import type { Glyphs } from '../theme.js';
import { intervalCells, lastOf, repeatText } from './task-cells.js';
import type { WantedCells } from './task-columns.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** An instance label ("olga@front-desk") is shown up to this wide before the name loses cells to it. */
const REPEAT_MAX = 40;

const widest = (texts: readonly string[]) => Math.max(0, ...texts.map(cellWidth));

export function wantedCells(tasks: readonly TaskView[], t: Catalogue, glyphs: Glyphs, now: number): WantedCells {
  const words = [...OUTCOMES.map((o) => t.outcome[o])];
  const longestWord = widest(words);
  let last = Math.max(cellWidth(t.list.never), cellWidth(t.columnsShort.last));
  let interval = cellWidth(t.columns.interval);
  let name = cellWidth(t.columns.task);
  for (const task of tasks) {
    name = Math.max(name, cellWidth(oneLine(task.name)));
    interval = Math.max(interval, intervalCells(task, t, glyphs));
    const run = lastOf(task);
    if (!run) continue;
    const clock = formatClock(run.startedAt, now, t.time);
    last = Math.max(last, cellWidth(clock) + 3 + longestWord);
    if (task.repeat) last = Math.max(last, Math.min(REPEAT_MAX, cellWidth(`${clock} (${repeatText(task, t)})`)));
  }
  const spans = [59 * SECOND, 59 * MINUTE, 23 * HOUR, 99 * DAY].map((span) => formatRelative(now + span, now, t.time));
  const next = widest([...spans, t.list.due, t.list.noNextRun, t.columnsShort.next]);
  const recent = tasks.some((task) => hasRecentRuns(task.recentRing));
  return { name, interval, next, last, recent };
}
