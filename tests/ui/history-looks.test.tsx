// How the history reads: red error rows and the inverse, marked cursor row; the same
// meanings without colour (NO_COLOR) and without Unicode (ASCII); Russian; 80×24.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';

// Chalk (inside Ink) reads FORCE_COLOR when imported; without it no style would be drawn.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

import { historyEngine } from '../helpers/history-engine.js';
import { KEYS, renderApp, type RenderAppOptions } from '../helpers/render-app.js';

afterEach(() => cleanup());

const COLOR_CODE = /\u001b\[(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m/;
const strip = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const rowOf = (frame: string, part: string) => frame.split('\n').find((line) => strip(line).includes(part)) ?? '';

async function history(options: RenderAppOptions) {
  const app = await renderApp(historyEngine(), { columns: 120, rows: 30, ...options });
  await app.press('H');
  await app.waitFor((f) => /5 (runs|запусков)/.test(strip(f)));
  return app;
}

test('with colour: error rows red, success rows plain, warnings yellow in their outcome; the cursor row inverse', async () => {
  const app = await history({ color: true });
  await app.press(KEYS.end);
  const f = app.frame();
  expect(rowOf(f, 'Error (auth)')).toContain('\u001b[31m');
  expect(strip(rowOf(f, 'Error (auth)'))).toMatch(/^ !13:32:00/);
  const success = rowOf(f, '13:52:00');
  expect(success).not.toMatch(COLOR_CODE);
  expect(rowOf(f, 'Warning')).toContain('\u001b[33mWarning');
  const cursor = rowOf(f, '13:12:00');
  expect(cursor).toContain('\u001b[7m');
  expect(strip(cursor)).toMatch(/^› 13:12:00/);
});

test('without colour (NO_COLOR): no colour codes at all; errors marked "!" and named, the cursor marked and inverse', async () => {
  const app = await history({ color: false });
  const f = app.frame();
  expect(f).not.toMatch(COLOR_CODE);
  expect(strip(rowOf(f, 'Error (auth)'))).toMatch(/^ !13:32:00/);
  const cursor = rowOf(f, '13:52:00');
  expect(cursor).toContain('\u001b[7m');
  expect(strip(cursor)).toMatch(/^› 13:52:00/);
});

test('ASCII fallback on 80×24: it fits, and no Unicode glyph is drawn in the table, the panel or the popup', async () => {
  const app = await history({ columns: 80, rows: 24, ascii: true, color: false });
  const NON_ASCII_GLYPH = /[›▶│─…✗→←↑↓·┌┐└┘╭╮╰╯]/;
  const check = (frame: string) => {
    const lines = strip(frame).split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.every((l) => l.length <= 79)).toBe(true);
    expect(strip(frame)).not.toMatch(NON_ASCII_GLYPH);
  };
  const table = app.frame();
  check(table);
  expect(strip(table)).toMatch(/^> 13:52:00/m);
  expect(strip(table)).toContain('the oldest run');
  await app.press('f');
  check(await app.waitFor((frame) => strip(frame).includes('+--')));
  await app.press(KEYS.escape, 'j', 'j', 'i');
  check(await app.waitFor((frame) => strip(frame).includes('Progress log')));
  expect(strip(app.frame())).toContain('x GET https://partner.leads.example/leads?page=1 -> 401');
});

test('in Russian, with the words of the reference page', async () => {
  const app = await history({ lang: 'ru', color: false, columns: 160 });
  const f = strip(app.frame());
  expect(f).toContain('История синхронизаций с внешними сервисами · 5 запусков');
  expect(f).toContain('Фильтр: нет, все запуски всех задач');
  expect(f).toMatch(/Начало\s+Задача\s+Сервис\s+Тип задачи\s+Результат\s+Длительность\s+Кто запустил\s+Компьютер\s+i/);
  expect(f).toContain('Ошибка (авторизация)');
  expect(f).toContain('Успешно');
  expect(f).toContain('i информация  f фильтр');
  await app.press('f');
  await app.waitFor((frame) => strip(frame).includes('▶ Сервис'));
  await app.press(KEYS.tab, KEYS.tab, KEYS.down);
  const panel = strip(await app.waitFor((frame) => strip(frame).includes('› Только ошибки')));
  expect(panel).toContain('Сервис: Все сервисы');
  await app.press(KEYS.enter);
  await app.waitFor((frame) => strip(frame).includes('Фильтр: только ошибки') && strip(frame).includes('1 запуск'));
  await app.press('i');
  const info = strip(await app.waitFor((frame) => strip(frame).includes('Ход выполнения')));
  expect(info).toContain('Информация о синхронизации · запуск №23 · Receive leads');
  expect(info).toContain('Подробности хранятся до 28 ноя 14:02');
  expect(info).toContain('Ошибки (2)');
});

test('a terminal made too small shows the message; grown again, the history is where it was', async () => {
  const app = await history({ color: false });
  await app.press('j', 'j');
  app.resize(70, 20);
  await app.waitFor('70×20');
  app.resize(120, 30);
  const f = strip(await app.waitFor((frame) => strip(frame).includes('History of synchronisations')));
  expect(f).toMatch(/^›!13:32:00/m);
});

test('a shorter terminal asks for a smaller page, keeping the cursor in view', async () => {
  const engine = historyEngine();
  const app = await renderApp(engine, { columns: 120, rows: 30, color: false });
  await app.press('H');
  await app.waitFor('5 runs');
  await app.press(KEYS.end);
  app.resize(120, 24);
  await app.waitFor(() => engine.callsOf('history').some(([q]) => (q as { limit: number }).limit === 15));
  expect(strip(await app.waitFor('13:12:00'))).toMatch(/^› 13:12:00/m);
});
