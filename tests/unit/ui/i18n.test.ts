import { expect, test } from 'vitest';
import { catalogue, toAsciiPunctuation } from '../../../src/ui/i18n/index.js';
import { ruPlural } from '../../../src/ui/i18n/ru.js';
import { languageFromEnv, wantsAscii, wantsColor } from '../../../src/ui/terminal-env.js';

test('Russian plurals', () => {
  expect(ruPlural(1, 'запуск', 'запуска', 'запусков')).toBe('1 запуск');
  expect(ruPlural(3, 'запуск', 'запуска', 'запусков')).toBe('3 запуска');
  expect(ruPlural(5, 'запуск', 'запуска', 'запусков')).toBe('5 запусков');
  expect(ruPlural(11, 'запуск', 'запуска', 'запусков')).toBe('11 запусков');
  expect(ruPlural(22, 'запуск', 'запуска', 'запусков')).toBe('22 запуска');
});

test('the Russian terms are those of the reference page', () => {
  const ru = catalogue('ru', false);
  expect(ru.status).toMatchObject({ waiting: 'Ожидание', unavailable: 'Недоступно', running: 'Выполняется' });
  expect(ru.outcome).toMatchObject({ success: 'Успешно', error: 'Ошибка', running: 'Выполняется', repeat: 'Повтор' });
  expect(ru.columns).toMatchObject({ interval: 'Интервал', next: 'Следующий запуск', last: 'Последний запуск' });
  expect(ru.actions.run.bar).toBe('запустить');
  expect(ru.actions.stop.bar).toBe('остановить');
  expect(ru.details.title).toBe('Подробности последнего запуска');
});

test('the ASCII catalogue has no typographic punctuation, in strings and in what functions return', () => {
  const en = catalogue('en', true);
  expect(en.header.demoBanner).toBe('Demo: simulated services on 127.0.0.1 - run with --config FILE for a real setup');
  expect(en.details.interval('1m', '4m')).toBe('interval 1m -> 4m');
  expect(en.list.loading).toBe('Loading tasks...');
  expect(toAsciiPunctuation('a — b · c…')).toBe('a - b - c...');
});

test('environment defaults', () => {
  expect(wantsAscii({ LANG: 'en_US.UTF-8' })).toBe(false);
  expect(wantsAscii({ LC_ALL: 'C' , LANG: 'en_US.UTF-8' })).toBe(true);
  expect(wantsAscii({})).toBe(true);
  expect(wantsColor({ NO_COLOR: '1' }, false)).toBe(false);
  expect(wantsColor({}, true)).toBe(false);
  expect(wantsColor({ NO_COLOR: '' }, false)).toBe(true);
  expect(languageFromEnv({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
  expect(languageFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
});
