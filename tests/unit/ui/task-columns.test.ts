// The task table's widths (issue 17): the name first, then status, last run, next run, and
// the interval last, folded into the last-run cell when it has no room.
import { describe, expect, test } from 'vitest';
import {
  isIntervalFolded,
  taskColumns,
  taskTableWidth,
  type WantedCells,
} from '../../../src/ui/components/task-columns.js';
import { wantedCells } from '../../../src/ui/components/task-widths.js';
import { lastRunText } from '../../../src/ui/components/task-cells.js';
import { catalogue } from '../../../src/ui/i18n/index.js';
import { dashboardLayout } from '../../../src/ui/layout.js';
import { createTheme } from '../../../src/ui/theme.js';
import { failingTask, makeRun, makeTask, NOW, runningTask, summaryOf } from '../../helpers/fake-engine.js';

const en = catalogue('en', false);
const ru = catalogue('ru', false);
const glyphs = createTheme({ color: true, ascii: false }).glyphs;
const total = (c: ReturnType<typeof taskColumns>) => c.marker + c.status + c.name + c.interval + c.next + c.last;

/** The demo's tasks, as they look in Russian: the longest name, a backed-off cron-like interval, a warning. */
const DEMO: WantedCells = { name: 24, interval: 15, next: 12, last: 22, recent: false };

describe('taskColumns', () => {
  test('80×24 in Russian: every name whole, the status, last and next run whole; the interval folded', () => {
    const c = taskColumns(79, ru.columns, DEMO);
    expect(c.name).toBeGreaterThanOrEqual(DEMO.name + 1);
    expect(c.status).toBe(12);
    expect(c.last).toBeGreaterThanOrEqual(DEMO.last + 1);
    expect(c.next).toBeGreaterThanOrEqual(DEMO.next + 1);
    expect(isIntervalFolded(c)).toBe(true);
    expect(total(c)).toBe(79);
  });

  test('80 columns in English: room for the interval too', () => {
    const c = taskColumns(79, en.columns, { name: 24, interval: 8, next: 8, last: 19, recent: false });
    expect(isIntervalFolded(c)).toBe(false);
    expect(c.interval).toBe(9);
    expect(c.name).toBeGreaterThanOrEqual(25);
    expect(total(c)).toBe(79);
  });

  test('narrower still: the name is cut before the next run, which is never cut', () => {
    const c = taskColumns(60, ru.columns, DEMO);
    expect(c.next).toBe(DEMO.next + 1);
    expect(c.name).toBeLessThan(DEMO.name + 1);
    expect(c.name).toBeGreaterThanOrEqual(12);
  });

  test('wide: everything unfolded, the full headings too', () => {
    const c = taskColumns(110, ru.columns, DEMO);
    expect(isIntervalFolded(c)).toBe(false);
    expect(c.next).toBe('Следующий запуск'.length + 1);
    expect(c.last).toBe(DEMO.last + 1);
  });
});

describe('dashboardLayout', () => {
  const body = (columns: number, rows = 30) => ({ width: columns - 1, height: rows });
  test('side by side from 120 columns, one above the other below', () => {
    expect(dashboardLayout(body(119), 80).mode).toBe('stacked');
    expect(dashboardLayout(body(120), 80).mode).toBe('side');
  });

  test('beside the details the list gets what it needs, between half and 65% of the width', () => {
    const wanted = taskTableWidth(ru.columns, DEMO);
    const side = dashboardLayout(body(120), wanted);
    expect(side.list.width).toBe(Math.floor(119 * 0.65));
    expect(side.list.width + 2 + side.details.width).toBe(119);
    // At 120 the Russian demo's list still shows every name, folding the interval.
    const c = taskColumns(side.list.width, ru.columns, DEMO);
    expect(c.name).toBeGreaterThanOrEqual(DEMO.name + 1);
    expect(isIntervalFolded(c)).toBe(true);
    expect(dashboardLayout(body(200), 60).list.width).toBe(Math.floor(199 * 0.5));
    expect(dashboardLayout(body(160), wanted).list.width).toBe(wanted);
  });

  test('a list that would ask for the strip of recent outcomes but cannot fit it takes no width for it', () => {
    const short: WantedCells = { name: 8, interval: 8, next: 8, last: 19, recent: true };
    const wishes = [taskTableWidth(en.columns, short), taskTableWidth(en.columns, { ...short, recent: false })];
    expect(wishes[0]).toBeGreaterThan(Math.floor(119 * 0.65));
    // 120 columns: the strip does not fit, so the list is as wide as it is without it (at least half).
    expect(dashboardLayout(body(120), wishes).list.width).toBe(Math.max(59, wishes[1]!));
    expect(taskColumns(dashboardLayout(body(120), wishes).list.width, en.columns, short).recent).toBe(0);
    // 160 columns: it fits, and the list takes it.
    expect(dashboardLayout(body(160), wishes).list.width).toBe(wishes[0]);
    expect(taskColumns(wishes[0]!, en.columns, short).recent).toBeGreaterThan(0);
  });
});

describe('the last-run cell', () => {
  test('"Повтор" keeps its word; the instance is cut instead', () => {
    const repeat = runningTask({ repeat: true, runningOn: 'inst-b', runningOnLabel: 'olga@reception-desk-computer' });
    expect(lastRunText(repeat, NOW, ru, glyphs, 43)).toBe('14:02 (Повтор olga@reception-desk-computer)');
    expect(lastRunText(repeat, NOW, ru, glyphs, 24)).toBe('14:02 (Повтор olga@rec…)');
    expect(lastRunText(repeat, NOW, ru, glyphs, 14)).toBe('14:02 (Повтор)');
  });

  test('the folded interval follows the outcome when it fits', () => {
    const task = makeTask({ lastRun: summaryOf(makeRun()) });
    expect(lastRunText(task, NOW, en, glyphs, 30, '1m')).toBe('14:02 (Success) · 1m');
    expect(lastRunText(task, NOW, en, glyphs, 18, '1m')).toBe('14:02 (Success)');
    expect(lastRunText(makeTask(), NOW, ru, glyphs, 30, '5 мин')).toBe('не было · 5 мин');
  });

  test('a run from another year says its year', () => {
    const old = makeTask({ lastRun: summaryOf(makeRun({ startedAt: new Date(2024, 11, 30, 9, 15).getTime() })) });
    expect(lastRunText(old, NOW, en, glyphs, 40)).toBe('30 Dec 2024 09:15 (Success)');
    expect(lastRunText(old, NOW, ru, glyphs, 40)).toBe('30 дек 2024 09:15 (Успешно)');
  });
});

test('wantedCells: stable while a run starts and ends (measured with the longest outcome word)', () => {
  const before = wantedCells(
    [failingTask(), makeTask({ id: 'b', name: 'Download call recordings', lastRun: summaryOf(makeRun()) })],
    ru,
    glyphs,
    NOW,
  );
  const running = wantedCells(
    [failingTask(), runningTask({ id: 'b', name: 'Download call recordings' })],
    ru,
    glyphs,
    NOW,
  );
  expect(running).toEqual(before);
  expect(before.name).toBe('Download call recordings'.length);
  expect(before.last).toBe('14:02 (Предупреждение)'.length);
  expect(before.next).toBe('через 59 мин'.length);
});
