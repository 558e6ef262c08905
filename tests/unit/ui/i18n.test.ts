import { expect, test } from 'vitest';
import { counted, pluralCategories } from '../../../src/engine/text/plural.js';
import { catalogue, toAsciiPunctuation, type Catalogue, type Lang } from '../../../src/ui/i18n/index.js';
import type { Refusal } from '../../../src/ui/refusals.js';

const SAMPLES = [0, 1, 2, 5, 11, 21, 22, 25] as const;

// The plural category of each sample, written out (not computed) so the test does not
// check Intl.PluralRules against itself.
const CATEGORY: Record<Lang, Record<(typeof SAMPLES)[number], 'one' | 'few' | 'many' | 'other'>> = {
  en: { 0: 'other', 1: 'one', 2: 'other', 5: 'other', 11: 'other', 21: 'other', 22: 'other', 25: 'other' },
  ru: { 0: 'many', 1: 'one', 2: 'few', 5: 'many', 11: 'many', 21: 'one', 22: 'few', 25: 'many' },
};

/** Every counted message of each catalogue: how to call it with a count, and the word each form must give. */
type Counted = Record<
  string,
  { say: (t: Catalogue, n: number) => string; words: Partial<Record<'one' | 'few' | 'many' | 'other', string>> }
>;

const COUNTED: Record<Lang, Counted> = {
  en: {
    'list.failingSince': { say: (t, n) => t.list.failingSince('14:02', n), words: { one: 'run', other: 'runs' } },
    'group.tasks': { say: (t, n) => t.group.tasks(n), words: { one: 'task', other: 'tasks' } },
    'details.failing': { say: (t, n) => t.details.failing('14:02', n), words: { one: 'run', other: 'runs' } },
    'details.items': { say: (t, n) => t.details.items(n), words: { one: 'item', other: 'items' } },
    'header.failing': { say: (t, n) => t.header.failing(n), words: { one: 'failing task', other: 'failing tasks' } },
    'history.runs': { say: (t, n) => t.history.runs(String(n), n), words: { one: 'run', other: 'runs' } },
    'history.newRuns': { say: (t, n) => t.history.newRuns(String(n), n), words: { one: 'new run', other: 'new runs' } },
    'confirm.quit': { say: (t, n) => t.confirm.quit(n), words: { one: 'run', other: 'runs' } },
    'details.interruptedInARow': {
      say: (t, n) => t.details.interruptedInARow(n, false),
      words: { one: 'time', other: 'times' },
    },
    'header.tasksDiffer': { say: (t, n) => t.header.tasksDiffer(n, 'calls'), words: { one: 'task', other: 'tasks' } },
    'feedback.keysDropped': { say: (t, n) => t.feedback.keysDropped(n), words: { one: 'key', other: 'keys' } },
    'configReloaded.changed': { say: (t, n) => t.configReloaded.changed(n), words: { one: 'task', other: 'tasks' } },
    'configReloaded.added': { say: (t, n) => t.configReloaded.added(n), words: { one: 'task', other: 'tasks' } },
    'configReloaded.removed': { say: (t, n) => t.configReloaded.removed(n), words: { one: 'task', other: 'tasks' } },
    'configReloaded.users': { say: (t, n) => t.configReloaded.users(n), words: { one: 'user', other: 'users' } },
    'instances.live': { say: (t, n) => t.instances.live(n), words: { one: 'live instance', other: 'live instances' } },
  },
  ru: {
    'list.failingSince': {
      say: (t, n) => t.list.failingSince('14:02', n),
      words: { one: 'запуск', few: 'запуска', many: 'запусков' },
    },
    'group.tasks': { say: (t, n) => t.group.tasks(n), words: { one: 'задача', few: 'задачи', many: 'задач' } },
    'details.failing': {
      say: (t, n) => t.details.failing('14:02', n),
      words: { one: 'запуск', few: 'запуска', many: 'запусков' },
    },
    'details.items': {
      say: (t, n) => t.details.items(n),
      words: { one: 'элемент', few: 'элемента', many: 'элементов' },
    },
    'history.runs': {
      say: (t, n) => t.history.runs(String(n), n),
      words: { one: 'запуск', few: 'запуска', many: 'запусков' },
    },
    'history.newRuns': {
      say: (t, n) => t.history.newRuns(String(n), n),
      words: { one: 'новый запуск', few: 'новых запуска', many: 'новых запусков' },
    },
    'details.interruptedInARow': {
      say: (t, n) => t.details.interruptedInARow(n, false),
      words: { one: 'раз', few: 'раза', many: 'раз' },
    },
    'header.tasksDiffer': {
      say: (t, n) => t.header.tasksDiffer(n, 'calls'),
      words: { one: 'задача', few: 'задачи', many: 'задач' },
    },
    'configReloaded.changed': {
      say: (t, n) => t.configReloaded.changed(n),
      words: { one: 'задача', few: 'задачи', many: 'задач' },
    },
    'configReloaded.added': {
      say: (t, n) => t.configReloaded.added(n),
      words: { one: 'задача', few: 'задачи', many: 'задач' },
    },
    'configReloaded.removed': {
      say: (t, n) => t.configReloaded.removed(n),
      words: { one: 'задача', few: 'задачи', many: 'задач' },
    },
    'configReloaded.users': {
      say: (t, n) => t.configReloaded.users(n),
      words: { one: 'пользователь', few: 'пользователя', many: 'пользователей' },
    },
    'instances.live': {
      say: (t, n) => t.instances.live(n),
      words: { one: 'работающий экземпляр', few: 'работающих экземпляра', many: 'работающих экземпляров' },
    },
    'feedback.keysDropped': {
      say: (t, n) => t.feedback.keysDropped(n),
      words: { one: 'клавиша', few: 'клавиши', many: 'клавиш' },
    },
  },
};

/** Every function of a catalogue, with its dotted path. */
function functionsOf(value: unknown, path = ''): [string, (...args: unknown[]) => unknown][] {
  if (typeof value === 'function') return [[path, value as (...args: unknown[]) => unknown]];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => functionsOf(v, path ? `${path}.${k}` : k));
  return [];
}

/** Every string a catalogue can say: its strings, and what each function returns for sample arguments. */
function everythingSaid(t: Catalogue): string[] {
  const said: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') said.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(t);
  const codes: Refusal[] = [
    'no-task',
    'running-here',
    'not-running',
    'disabled',
    'forbidden',
    'no-run',
    'no-diagnostics',
    'details-removed',
    'no-run-selected',
    'nothing',
  ].map((code) => ({ code }) as Refusal);
  said.push(...codes.map((r) => t.refusal(r)), t.refusal({ code: 'running-elsewhere', instance: 'pc-1' }));
  for (const [path, fn] of functionsOf(t)) {
    if (path === 'refusal') continue;
    for (const n of SAMPLES) said.push(String(fn(n, n, n, n)), String(fn('x', 'y', 'z', 'w')));
    said.push(String(fn('1m', true)), String(fn('1m', false)), String(fn(3, null)));
  }
  return said;
}

for (const lang of ['en', 'ru'] as const) {
  test(`${lang}: every counted message takes the plural form of its count (0, 1, 2, 5, 11, 21, 22, 25)`, () => {
    const t = catalogue(lang, false);
    for (const [name, { say, words }] of Object.entries(COUNTED[lang])) {
      for (const n of SAMPLES) {
        const word = words[CATEGORY[lang][n]] ?? words.other;
        // The count, its word, and no more letters of the word after it ("1 run", not "1 runs").
        expect(say(t, n), `${name}(${n})`).toMatch(new RegExp(`(^|\\s)${n} ${word}(?![\\p{L}])`, 'u'));
      }
    }
  });

  test(`${lang}: no counted message is missing from this test (a count that changes more than its digits is counted)`, () => {
    const t = catalogue(lang, false);
    const digitsHidden = (fn: (...args: unknown[]) => unknown, n: number) =>
      String(fn(n, n, n, n)).replace(/\d+/g, '#');
    // Counts that are not 0: a 0 would also take a message's "none" branch (roles, where).
    const counts = functionsOf(t)
      .filter(([path]) => path !== 'refusal')
      .filter(([, fn]) => SAMPLES.some((n) => n > 0 && digitsHidden(fn, n) !== digitsHidden(fn, 1)))
      .map(([path]) => path);
    expect(counts.sort()).toEqual(Object.keys(COUNTED[lang]).sort());
  });
}

test('the plural helper: Russian has one, few and many; English one and other', () => {
  expect(pluralCategories('ru')).toEqual(expect.arrayContaining(['one', 'few', 'many']));
  expect(pluralCategories('en').sort()).toEqual(['one', 'other']);
  const run = { one: 'запуск', few: 'запуска', many: 'запусков', other: 'запуска' };
  expect(SAMPLES.map((n) => counted('ru', n, run))).toEqual([
    '0 запусков',
    '1 запуск',
    '2 запуска',
    '5 запусков',
    '11 запусков',
    '21 запуск',
    '22 запуска',
    '25 запусков',
  ]);
  expect(counted('en', 1, { one: 'run', other: 'runs' })).toBe('1 run');
  expect(counted('en', 0, { one: 'run', other: 'runs' })).toBe('0 runs');
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
  expect(en.history.newRuns('3', 3)).toBe('3 new runs - Home to see them');
  expect(en.small.message(70, 20)).toBe('The terminal is 70x20. syncdeck needs at least 80x24.');
  expect(toAsciiPunctuation('a — b · c… «d» → e')).toBe('a - b - c... "d" -> e');
});

test('under ASCII every character either catalogue can say is ASCII; Russian gives way to English there', () => {
  for (const lang of ['en', 'ru'] as const) {
    const t = catalogue(lang, true);
    expect(t.lang).toBe('en');
    for (const text of everythingSaid(t)) expect(text, text).toMatch(/^[\x20-\x7e\n]*$/);
  }
  // The walk does reach non-ASCII text when there is some.
  expect(everythingSaid(catalogue('ru', false)).some((text) => /[^\x20-\x7e\n]/.test(text))).toBe(true);
});
