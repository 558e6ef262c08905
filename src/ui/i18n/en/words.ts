// The counted words of the English catalogue and how a count is said with one.
import { counted, type EnglishForms } from '../../../engine/text/plural.js';

// Counted words (Intl.PluralRules via engine/text/plural.ts): every message with a count uses one.
export const RUN: EnglishForms = { one: 'run', other: 'runs' };
export const NEW_RUN: EnglishForms = { one: 'new run', other: 'new runs' };
export const TASK: EnglishForms = { one: 'task', other: 'tasks' };
export const USER: EnglishForms = { one: 'user', other: 'users' };
export const TIME: EnglishForms = { one: 'time', other: 'times' };
export const FAILING_TASK: EnglishForms = { one: 'failing task', other: 'failing tasks' };
export const LIVE_INSTANCE: EnglishForms = { one: 'live instance', other: 'live instances' };
export const ITEM: EnglishForms = { one: 'item', other: 'items' };
export const KEY: EnglishForms = { one: 'key', other: 'keys' };
export const count = (n: number, forms: EnglishForms) => counted('en', n, forms);
