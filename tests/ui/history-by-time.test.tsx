// Issue 17 on the history screen: who started the runs, the time presets, and a typed
// from/to read by the same WHEN parser as `history --since/--until`.
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { MINUTE, NOW } from '../helpers/fake-engine.js';
import { historyEngine, rowOf } from '../helpers/history-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

// The first render of a file is slow while the code warms up (see dashboard-layout.test.tsx).
beforeAll(async () => {
  await renderApp(historyEngine(), { columns: 100, rows: 30 }).catch(() => undefined);
  cleanup();
}, 30_000);

async function openPanelOn(field: string, lang: 'en' | 'ru' = 'en') {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns: 140, rows: 32, lang });
  await app.press('H');
  await app.waitFor(lang === 'en' ? '5 runs' : '5 запусков');
  await app.press('f');
  await app.waitFor('▶ ');
  for (let i = 0; i < 8 && !app.frame().includes(`▶ ${field}`); i++) await app.press(KEYS.tab);
  expect(app.frame()).toContain(`▶ ${field}`);
  return { engine, app };
}

const lastQuery = (engine: ReturnType<typeof historyEngine>) => engine.callsOf('history').at(-1)?.[0];

test('started by: the scheduler or a user, from the catalogue; the column names the scheduler in words', async () => {
  const { engine, app } = await openPanelOn('Started by');
  expect(app.frame()).toContain('› Everyone');
  expect(app.frame()).toContain('The scheduler');
  expect(app.frame()).toContain('olga');
  await app.press(KEYS.down, KEYS.down, KEYS.down);
  expect(app.frame()).toContain('› olga');
  await app.press(KEYS.enter);
  const f = await app.waitFor('1 run');
  expect(f).toContain('Filter: started by olga');
  expect(rowOf(f, 'Receive leads', 'olga')).not.toBe('');
  expect(lastQuery(engine)).toMatchObject({ startedBy: 'olga' });
  expect(engine.callsOf('countHistory').at(-1)).toEqual([{ startedBy: 'olga' }, 10_000]);
});

test('the time presets: today and the last 30 days', async () => {
  const { engine, app } = await openPanelOn('Time');
  await app.press(KEYS.down);
  expect(app.frame()).toContain('› Today');
  await app.press(KEYS.enter);
  await app.waitFor('Filter: today');
  expect(lastQuery(engine)).toMatchObject({ since: new Date(NOW).setHours(0, 0, 0, 0) });
  await app.press('f');
  await app.waitFor('▶ Service');
  for (let i = 0; i < 5; i++) await app.press(KEYS.tab);
  await app.press(KEYS.down, KEYS.down, KEYS.down, KEYS.enter);
  await app.waitFor('Filter: last 30 days');
  expect(lastQuery(engine)).toMatchObject({ since: NOW - 30 * 24 * 60 * MINUTE });
});

test('a typed from/to: "what happened between 13:20 and 13:45" — the query, the filter line, and the panel reopened', async () => {
  const { engine, app } = await openPanelOn('From');
  expect(app.frame()).toContain('e.g. 2026-11-30 02:00 or 2h');
  // Letters are typed, not taken as keys (x clears, q quits elsewhere).
  await app.press('2025-11-26 13:20');
  expect(app.frame()).toContain('2025-11-26 13:20▏');
  expect(app.frame()).toContain('Time: From … to …');
  await app.press(KEYS.tab, '25m');
  await app.press(KEYS.enter);
  const f = await app.waitFor('3 runs');
  expect(f).toContain('Filter: from 26 Nov 13:20 to 26 Nov 13:45');
  expect(lastQuery(engine)).toMatchObject({
    since: new Date(2025, 10, 26, 13, 20).getTime(),
    until: NOW - 25 * MINUTE,
  });
  expect(rowOf(f, 'Receive calls', 'Success')).toBe('');
  expect(rowOf(f, 'Receive leads', 'Error')).not.toBe('');
  // Reopened: the ends as times that read back, Backspace erases.
  await app.press('f');
  const again = await app.waitFor('▶ Service');
  expect(again).toContain('From: 2025-11-26 13:20');
  expect(again).toContain('To: 2025-11-26 13:45');
});

test('a typed end that is not a time: the panel stays on it, says which forms work, and nothing is fetched', async () => {
  const { engine, app } = await openPanelOn('From');
  const fetched = engine.callsOf('history').length;
  await app.press('last nightx');
  await app.press(KEYS.enter);
  const f = await app.waitFor('Not a time.');
  expect(f).toContain('▶ From');
  expect(f).toContain('2026-11-30 02:00, 90m, 2h');
  expect(f).toContain('Filter: none, every run of every task');
  expect(engine.callsOf('history')).toHaveLength(fetched);
  // Erased back to nothing, Enter applies "any time".
  for (let i = 0; i < 'last nightx'.length; i++) await app.press('\u007f');
  expect(app.frame()).not.toContain('Not a time.');
  await app.press(KEYS.enter);
  await app.waitFor((frame) => !frame.includes('▶ From'));
  expect(app.frame()).toContain('Filter: none, every run of every task');
});

test('in Russian: the scheduler is "по расписанию", the range "с … до …"', async () => {
  const { engine, app } = await openPanelOn('Кто запустил', 'ru');
  expect(app.frame()).toContain('По расписанию');
  await app.press(KEYS.down, KEYS.enter);
  const f = await app.waitFor('Фильтр: по расписанию');
  expect(rowOf(f, 'Receive calls', 'Успешно')).toContain('по расписанию');
  expect(lastQuery(engine)).toMatchObject({ startedBy: 'scheduler' });
  await app.press('f');
  await app.waitFor('▶ Сервис');
  for (let i = 0; i < 6; i++) await app.press(KEYS.tab);
  await app.press('2025-11-26 13:00');
  await app.press(KEYS.enter);
  await app.waitFor('с 26 ноя 13:00');
});
