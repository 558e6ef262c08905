// The dashboard in Russian, with the words of the reference page.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { failingTask, sampleEngine } from '../helpers/fake-engine.js';
import { renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

test('statuses, columns, outcomes, groups, details and keys in Russian', async () => {
  const app = await renderApp(sampleEngine(), { columns: 150, rows: 30, lang: 'ru' });
  await app.waitFor('GET /calls');
  const f = app.frame();
  for (const word of [
    'Состояние интеграций',
    'по типу задачи',
    'Статус',
    'Задача',
    'Интервал',
    'Следующий запуск',
    'Последний запуск',
  ]) {
    expect(f).toContain(word);
  }
  expect(f).toMatch(/Ожидание\s+Receive calls\s+1 мин 4 мин\s+через 4 мин\s+14:02 \(Ошибка\)/);
  expect(f).toMatch(/Недоступно\s+Upload schedule/);
  expect(f).toContain('14:02 (Выполняется)');
  expect(f).toContain('14:02 (Повтор olga');
  expect(f).toContain('Получение звонков · 1 задача · с ошибками: 1');
  expect(f).toContain('ошибки с 14:02, 5 запусков');
  expect(f).toContain('Подробности последнего запуска');
  expect(f).toContain('Ошибка (сеть)');
  expect(f).toContain('вручную, anna');
  expect(f).toContain('r запустить');
  expect(f).toContain('задач с ошибками: 1');

  const byService = await app.press('g');
  expect(byService).toContain('по сервису');
  // One task failing is not a service down.
  expect(byService).toContain('Telephony · 1 задача · с ошибками: 1');
  expect(byService).not.toContain('вероятно, сервис не работает');
});

test('a service whose two tasks both fail is probably down', async () => {
  const engine = sampleEngine();
  engine.tasks.push(
    failingTask({ id: 'recordings', name: 'Download recordings', service: 'telephony', serviceName: 'Telephony' }),
  );
  const app = await renderApp(engine, { columns: 120, rows: 30, lang: 'ru' });
  const byService = await app.press('g');
  expect(byService).toContain('Telephony · 2 задачи · все с ошибками: вероятно, сервис не работает');
});

test('confirmation, refusals and help in Russian', async () => {
  const app = await renderApp(sampleEngine(), { columns: 120, rows: 40, lang: 'ru' });
  await app.press('s');
  await app.waitFor('Задача сейчас не выполняется.');
  await app.press('j', 's');
  expect(app.frame()).toContain('Остановить Receive leads? [y/N]');
  await app.press('n', 'j', 'j', 'r');
  await app.waitFor('Уже выполняется на olga@front-desk: повторный запуск не требуется.');
  const help = await app.press('?');
  expect(help).toContain('Клавиши');
  expect(help).toContain('Запустить задачу сейчас');
  expect(help).toContain('Остановить выполняющуюся задачу');
});

test('the small-terminal message in Russian', async () => {
  const app = await renderApp(sampleEngine(), { columns: 70, rows: 20, lang: 'ru' });
  expect(app.frame()).toContain('Размер терминала 70×20. Нужно не меньше 80×24.');
});
