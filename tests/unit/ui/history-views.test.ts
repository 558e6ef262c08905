// The history screen's text, computed without a terminal: columns, cells, the filter line,
// the popup's lines, the filter choices and which keys the key line offers.
import { describe, expect, test } from 'vitest';
import { filterChoices, pickedValue } from '../../../src/ui/components/filter-choices.js';
import { historyCell, outcomeText } from '../../../src/ui/components/history-cells.js';
import { historyColumns, ROW_MARKER_CELLS } from '../../../src/ui/components/history-columns.js';
import { describeFilters } from '../../../src/ui/components/history-heading.js';
import { retentionText, runInfoLines } from '../../../src/ui/components/run-info-lines.js';
import { formatBoundedCount } from '../../../src/ui/format.js';
import { catalogue } from '../../../src/ui/i18n/index.js';
import { keyContextOf, offerOf } from '../../../src/ui/screens/screen-keys.js';
import { initialDashboardState } from '../../../src/ui/state/dashboard-state.js';
import { filterQuery } from '../../../src/ui/state/history-query.js';
import { initialHistoryState, NO_FILTERS } from '../../../src/ui/state/history-state.js';
import { createTheme } from '../../../src/ui/theme.js';
import { AT_1402, makeRun, NOW, summaryOf } from '../../helpers/fake-engine.js';

const t = catalogue('en', false);
const ru = catalogue('ru', false);
const { glyphs } = createTheme({ color: true, ascii: false });
const DAY = 86_400_000;

describe('columns', () => {
  test('every column fits; on a narrow terminal the least needed ones are left out, never the time, task, outcome or i', () => {
    for (const width of [79, 100, 119, 160]) {
      const columns = historyColumns(width, t);
      expect(ROW_MARKER_CELLS + columns.reduce((sum, c) => sum + c.width, 0)).toBe(width);
      expect(columns.map((c) => c.id)).toEqual(expect.arrayContaining(['started', 'task', 'outcome', 'info']));
    }
    expect(historyColumns(79, t).map((c) => c.id)).not.toContain('instance');
    expect(historyColumns(160, t).map((c) => c.id)).toEqual([
      'started',
      'task',
      'service',
      'type',
      'outcome',
      'duration',
      'by',
      'instance',
      'info',
    ]);
    const outcome = historyColumns(120, ru).find((c) => c.id === 'outcome')!;
    expect(outcome.width).toBeGreaterThan(outcomeText({ outcome: 'error', errorClass: 'recognized' }, ru).length);
  });

  test('cells: outcome with its class, the i only while details are kept, hostile names made one safe line', () => {
    const run = summaryOf(
      makeRun({ outcome: 'error', errorClass: 'auth', taskName: 'Calls\u001b[2J\nnow', durationMs: 65_000 }),
    );
    expect(historyCell(run, 'outcome', t, NOW)).toBe('Error (auth)');
    expect(historyCell(run, 'outcome', ru, NOW)).toBe('Ошибка (авторизация)');
    expect(historyCell(run, 'task', t, NOW)).toBe('Calls now');
    expect(historyCell(run, 'duration', t, NOW)).toBe('1m 5s');
    expect(historyCell(run, 'started', t, NOW)).toBe('14:02:00');
    expect(historyCell(run, 'started', t, NOW + DAY)).toBe('26 Nov 14:02:00');
    expect(historyCell(run, 'info', t, NOW)).toBe('i');
    expect(historyCell({ ...run, detailsPurged: true }, 'info', t, NOW)).toBe(' ');
  });
});

test('counts: exact below the bound, "10 000+" above it', () => {
  expect(formatBoundedCount(1234, 10_000)).toBe('1 234');
  expect(formatBoundedCount(10_000, 10_000)).toBe('10 000');
  expect(formatBoundedCount(10_001, 10_000)).toBe('10 000+');
});

test('the filters as words and as an engine query', () => {
  const filters = {
    ...NO_FILTERS,
    task: { id: 'calls', name: 'Receive calls' },
    service: { id: 'tel', name: 'Telephony' },
    type: 'calls',
    outcome: 'errors' as const,
    since: '24h' as const,
  };
  expect(describeFilters(filters, t, NOW)).toEqual([
    'task Receive calls',
    'service Telephony',
    'type Receiving calls',
    'errors only',
    'last 24 h',
  ]);
  expect(describeFilters(filters, ru, NOW)).toEqual([
    'задача Receive calls',
    'сервис Telephony',
    'тип Получение звонков',
    'только ошибки',
    'за 24 ч',
  ]);
  expect(describeFilters(NO_FILTERS, t, NOW)).toEqual([]);
  expect(filterQuery(filters, NOW)).toEqual({
    taskId: 'calls',
    service: 'tel',
    type: 'calls',
    outcome: 'errors',
    since: NOW - DAY,
  });
  expect(filterQuery(NO_FILTERS, NOW)).toEqual({});
});

test('by time and by person (issue 17): presets, a typed range, who started the runs', () => {
  const night = {
    ...NO_FILTERS,
    since: 'range' as const,
    from: new Date(2025, 10, 26, 2, 0).getTime(),
    to: new Date(2025, 10, 26, 3, 0).getTime(),
    by: 'scheduler',
  };
  expect(filterQuery(night, NOW)).toEqual({ startedBy: 'scheduler', since: night.from, until: night.to });
  expect(describeFilters(night, t, NOW)).toEqual(['started by the scheduler', 'from 26 Nov 02:00 to 26 Nov 03:00']);
  expect(describeFilters(night, ru, NOW)).toEqual(['по расписанию', 'с 26 ноя 02:00 до 26 ноя 03:00']);
  // An end in another year says its year.
  const lastYear = {
    ...NO_FILTERS,
    since: 'range' as const,
    from: new Date(2024, 11, 31, 23, 0).getTime(),
    to: null,
    by: 'anna',
  };
  expect(filterQuery(lastYear, NOW)).toEqual({ startedBy: 'anna', since: lastYear.from });
  expect(describeFilters(lastYear, t, NOW)).toEqual(['started by anna', 'from 31 Dec 2024 23:00']);
  expect(describeFilters({ ...NO_FILTERS, since: 'range', from: null, to: AT_1402 }, ru, NOW)).toEqual([
    'до 26 ноя 14:02',
  ]);
  expect(filterQuery({ ...NO_FILTERS, since: 'today' }, NOW)).toEqual({ since: new Date(2025, 10, 26).getTime() });
  expect(filterQuery({ ...NO_FILTERS, since: '30d' }, NOW)).toEqual({ since: NOW - 30 * DAY });
  expect(describeFilters({ ...NO_FILTERS, since: 'today' }, t, NOW)).toEqual(['today']);
});

test('filter choices: "all" first, then the catalogue; the current pick is found', () => {
  const catalog = {
    services: [{ id: 'tel', name: 'Telephony' }],
    types: ['calls', 'custom'],
    tasks: [{ id: 'calls', name: 'Receive calls' }],
    users: ['scheduler', 'anna'],
  };
  expect(filterChoices('service', NO_FILTERS, catalog, t).map((c) => c.label)).toEqual(['All services', 'Telephony']);
  expect(filterChoices('type', NO_FILTERS, catalog, t).map((c) => c.label)).toEqual([
    'All task types',
    'Receiving calls',
    'custom',
  ]);
  expect(filterChoices('outcome', NO_FILTERS, catalog, t).map((c) => c.label)).toEqual([
    'All outcomes',
    'Errors only',
    'Success',
    'Warnings',
    'Cancelled',
    'Interrupted',
  ]);
  expect(filterChoices('since', NO_FILTERS, null, ru).map((c) => c.label)).toEqual([
    'За всё время',
    'Сегодня',
    'За последние 24 часа',
    'За последние 7 дней',
    'За последние 30 дней',
    'С … до …',
  ]);
  expect(filterChoices('by', NO_FILTERS, catalog, t).map((c) => c.label)).toEqual([
    'Everyone',
    'The scheduler',
    'anna',
  ]);
  expect(filterChoices('by', NO_FILTERS, catalog, ru).map((c) => c.label)).toEqual(['Все', 'По расписанию', 'anna']);
  const byGone = { ...NO_FILTERS, by: 'pavel' };
  expect(filterChoices('by', byGone, catalog, t).find((c) => c.value === pickedValue('by', byGone))?.label).toBe(
    'pavel',
  );
  expect(filterChoices('from', NO_FILTERS, catalog, t)).toEqual([]);
  const onTask = { ...NO_FILTERS, task: { id: 'gone', name: 'Removed task' } };
  const tasks = filterChoices('task', onTask, catalog, t);
  expect(tasks.find((c) => c.value === pickedValue('task', onTask))?.label).toBe('Removed task');
});

describe('the information popup', () => {
  test('how long the details are kept, or when they were removed', () => {
    const kept = summaryOf(makeRun({ detailsKeptUntil: new Date(2025, 10, 28, 14, 2).getTime() }));
    expect(retentionText(kept, t)).toBe('Details kept until 28 Nov 14:02');
    expect(retentionText(kept, ru)).toBe('Подробности хранятся до 28 ноя 14:02');
    const purged = { ...kept, detailsKeptUntil: null, detailsPurged: true, detailsPurgedAt: AT_1402 };
    expect(retentionText(purged, t)).toBe('Details removed on 26 Nov 14:02 (retention)');
    expect(retentionText({ ...purged, detailsPurgedAt: null }, ru)).toBe('Подробности удалены (истёк срок хранения)');
    // Into next year: the year is said.
    const january = { ...kept, detailsKeptUntil: new Date(2026, 0, 3, 9, 0).getTime() };
    expect(retentionText(january, t, NOW)).toBe('Details kept until 3 Jan 2026 09:00');
    expect(retentionText(january, ru, NOW)).toBe('Подробности хранятся до 3 янв 2026 09:00');
  });

  test('summary, retention, errors (log and failed exchanges) and the progress log', () => {
    const details = makeRun({
      outcome: 'error',
      errorClass: 'recognized',
      message: 'web server error 502',
      hasDiagnostics: true,
      detailsKeptUntil: AT_1402 + 14 * DAY,
      log: [
        { at: AT_1402, level: 'info', message: 'GET /calls' },
        { at: AT_1402, level: 'error', message: 'web server error 502' },
      ],
      exchanges: [
        {
          at: AT_1402,
          request: { method: 'GET', url: 'http://x/calls', headers: {}, body: null },
          response: { status: 502, headers: {}, body: null },
          error: null,
          durationMs: 5,
        },
      ],
    });
    const text = runInfoLines({ run: summaryOf(details), details, error: null }, 70, t, glyphs, NOW).map((l) => l.text);
    expect(text).toEqual([
      'Receive calls · Telephony · Receiving calls',
      'Started 14:02:00 · scheduled',
      'Instance anna@clinic-pc',
      'Error (recognized) · took 1.2s',
      'Message: web server error 502',
      'Details kept until 10 Dec 14:02',
      'd: full diagnostics (every request and answer)',
      '',
      expect.stringMatching(/^── Errors \(2\) ─+$/),
      '14:02:00 ✗ web server error 502',
      '✗ GET http://x/calls → 502',
      '',
      expect.stringMatching(/^── Progress log \(2\) ─+$/),
      '14:02:00   GET /calls',
      '14:02:00 ✗ web server error 502',
    ]);
  });

  test('removed details: the summary and when they went, no log and no diagnostics hint', () => {
    const run = summaryOf(makeRun({ hasDiagnostics: true, detailsPurged: true, detailsPurgedAt: AT_1402 }));
    const text = runInfoLines({ run, details: null, error: null }, 70, t, glyphs, NOW).map((l) => l.text);
    expect(text.at(-1)).toBe('Details removed on 26 Nov 14:02 (retention)');
    const byHand = runInfoLines(
      { run: { ...run, trigger: 'manual', startedBy: 'olga' }, details: null, error: null },
      70,
      ru,
      glyphs,
      NOW,
    ).map((l) => l.text);
    expect(byHand[1]).toBe('Запуск 14:02:00 · вручную, olga');
    expect(runInfoLines({ run, details: null, error: null }, 70, ru, glyphs, NOW).map((l) => l.text)[1]).toBe(
      'Запуск 14:02:00 · по расписанию',
    );
    expect(text.join('\n')).not.toContain('diagnostics');
  });
});

test('the key line follows the history, its panel and its popup', () => {
  const history = initialHistoryState({ id: 'calls', name: 'Receive calls' });
  const state = { ...initialDashboardState, screens: [history] };
  const dashboardOffer = { task: null, run: null, filter: '' };
  expect(keyContextOf(state)).toBe('history');
  expect(offerOf(state, dashboardOffer).filter).not.toBe('');
  expect(
    keyContextOf({
      ...state,
      screens: [
        { ...history, panel: { field: 'service', draft: history.filters, text: { from: '', to: '' }, invalid: null } },
      ],
    }),
  ).toBe('history-filters');
  const run = summaryOf(makeRun());
  const withInfo = { ...state, screens: [{ ...history, info: { run, details: null, error: null, scroll: 0 } }] };
  expect(keyContextOf(withInfo)).toBe('run-info');
  expect(offerOf(withInfo, dashboardOffer).run).toBe(run);
});
