// The counted words of the Russian catalogue and how a count is said with one.
import { counted, type RussianForms } from '../../../engine/text/plural.js';

// Counted words by Intl.PluralRules('ru'): 1, 21 запуск (one); 2–4, 22 запуска (few);
// 0, 5–20, 25 запусков (many); 1,5 запуска (other, fractions).
export const RUN: RussianForms = { one: 'запуск', few: 'запуска', many: 'запусков', other: 'запуска' };
export const NEW_RUN: RussianForms = {
  one: 'новый запуск',
  few: 'новых запуска',
  many: 'новых запусков',
  other: 'нового запуска',
};
export const TASK: RussianForms = { one: 'задача', few: 'задачи', many: 'задач', other: 'задачи' };
export const USER: RussianForms = {
  one: 'пользователь',
  few: 'пользователя',
  many: 'пользователей',
  other: 'пользователя',
};
export const TIME: RussianForms = { one: 'раз', few: 'раза', many: 'раз', other: 'раза' };
export const LIVE_INSTANCE: RussianForms = {
  one: 'работающий экземпляр',
  few: 'работающих экземпляра',
  many: 'работающих экземпляров',
  other: 'работающего экземпляра',
};
export const ITEM: RussianForms = { one: 'элемент', few: 'элемента', many: 'элементов', other: 'элемента' };
export const KEY: RussianForms = { one: 'клавиша', few: 'клавиши', many: 'клавиш', other: 'клавиши' };
export const count = (n: number, forms: RussianForms) => counted('ru', n, forms);
