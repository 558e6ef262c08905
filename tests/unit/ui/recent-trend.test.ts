// The strip of recent outcomes, the duration sparkline and the summary (pure), and where
// the task list gives the strip a column.
import { describe, expect, test } from 'vitest';
import { recentRing, recentRuns } from '../../../src/engine/recent-runs.js';
import type { FinishedOutcome, RecentRun } from '../../../src/engine/types.js';
import { recentSummary, sparkline, stripSegments, stripText } from '../../../src/ui/components/recent-trend.js';
import { taskColumns } from '../../../src/ui/components/task-columns.js';
import { catalogue } from '../../../src/ui/i18n/index.js';
import { dashboardReducer } from '../../../src/ui/state/dashboard-reducer.js';
import { initialDashboardState } from '../../../src/ui/state/dashboard-state.js';
import { createTheme } from '../../../src/ui/theme.js';
import { makeTask } from '../../helpers/fake-engine.js';

const OUTCOMES: FinishedOutcome[] = ['success', 'warning', 'error', 'cancelled', 'interrupted'];
const runs = (spec: [FinishedOutcome, number | null][]): RecentRun[] =>
  spec.map(([outcome, durationMs], i) => ({ runId: i + 1, outcome, durationMs }));
const unicode = createTheme({ color: true, ascii: false }).glyphs;
const ascii = createTheme({ color: false, ascii: true }).glyphs;

describe('the strip', () => {
  test('one cell per run, oldest first, a different character for each outcome, in Unicode and in ASCII', () => {
    const recent = runs(OUTCOMES.map((o) => [o, 10]));
    expect(stripText(recent, unicode)).toBe('✓!✗–↯');
    expect(stripText(recent, ascii)).toBe('+!x-~');
    for (const glyphs of [unicode, ascii]) {
      expect(new Set(OUTCOMES.map((o) => glyphs.outcomes[o])).size).toBe(OUTCOMES.length);
      for (const o of OUTCOMES) expect(glyphs.outcomes[o]).toHaveLength(1);
    }
    expect(stripText(recent, ascii)).toMatch(/^[\x20-\x7e]+$/);
  });

  test('segments join runs of one outcome (few Ink nodes), keep the tone of each, and keep only the last cells', () => {
    const recent = runs([
      ['success', 1],
      ['success', 1],
      ['error', 1],
      ['interrupted', 1],
      ['success', 1],
    ]);
    expect(stripSegments(recent, unicode)).toEqual([
      { text: '✓✓', tone: 'success' },
      { text: '✗', tone: 'error' },
      { text: '↯', tone: 'error' },
      { text: '✓', tone: 'success' },
    ]);
    expect(stripSegments(recent, unicode, 2)).toEqual([
      { text: '↯', tone: 'error' },
      { text: '✓', tone: 'success' },
    ]);
    expect(stripSegments([], unicode)).toEqual([]);
  });
});

describe('the sparkline and the summary', () => {
  test('a level per run from zero up to the longest run; an unknown duration is a space', () => {
    expect(
      sparkline(
        runs([
          ['success', 100],
          ['success', 800],
          ['error', null],
          ['success', 400],
          ['success', 0],
        ]),
        unicode.spark,
      ),
    ).toBe('▁█ ▄▁');
    expect(
      sparkline(
        runs([
          ['success', 0],
          ['success', 0],
        ]),
        unicode.spark,
      ),
    ).toBe('▁▁');
    expect(
      sparkline(
        runs([
          ['success', 1],
          ['success', 8],
        ]),
        ascii.spark,
      ),
    ).toBe('_#');
    expect(sparkline([], unicode.spark)).toBe('');
  });

  test('ok counts the runs that did their job (success, warning); the median of the known durations', () => {
    expect(
      recentSummary(
        runs([
          ['success', 300],
          ['warning', 100],
          ['error', 200],
          ['cancelled', null],
          ['interrupted', 900],
        ]),
      ),
    ).toEqual({ ok: 2, total: 5, medianMs: 250 });
    expect(
      recentSummary(
        runs([
          ['success', 3],
          ['success', 1],
          ['error', 2],
        ]),
      ),
    ).toEqual({ ok: 2, total: 3, medianMs: 2 });
    expect(recentSummary(runs([['cancelled', null]]))).toEqual({ ok: 0, total: 1, medianMs: null });
  });
});

describe('the task list column', () => {
  const t = catalogue('en', false);
  const wanted = (recent: boolean) => ({ name: 24, interval: 8, next: 12, last: 19, recent });
  test('a column where the names keep their room, only when some task has finished runs', () => {
    const wide = taskColumns(119, t.columns, wanted(true));
    expect(wide.recent).toBe(22);
    expect(wide.name).toBeGreaterThanOrEqual(20);
    expect(wide.marker + wide.status + wide.name + wide.interval + wide.next + wide.last + wide.recent).toBe(119);
    expect(taskColumns(119, t.columns, wanted(false)).recent).toBe(0);
    // The list beside the details on a 140-column terminal: no room.
    expect(taskColumns(83, t.columns, wanted(true)).recent).toBe(0);
    const without = taskColumns(83, t.columns, wanted(false));
    expect(taskColumns(83, t.columns, wanted(true))).toEqual(without);
  });
});

describe('snapshots with recent runs', () => {
  const recent = (n: number): string =>
    recentRing(runs(Array.from({ length: n }, () => ['success', 10] as [FinishedOutcome, number])));
  test('unchanged rings change nothing, whether the same object or an equal copy; a run more makes a new task object', () => {
    const first = dashboardReducer(initialDashboardState, {
      type: 'snapshot',
      tasks: [makeTask({ recentRing: recent(3) })],
    });
    expect(dashboardReducer(first, { type: 'snapshot', tasks: [{ ...first.tasks[0]! }] })).toBe(first);
    expect(dashboardReducer(first, { type: 'snapshot', tasks: structuredClone([...first.tasks]) })).toBe(first);
    const next = dashboardReducer(first, { type: 'snapshot', tasks: [makeTask({ recentRing: recent(4) })] });
    expect(next.tasks[0]).not.toBe(first.tasks[0]);
    expect(recentRuns(next.tasks[0]!.recentRing)).toHaveLength(4);
  });
});
