// Picks the catalogue for a language. With `ascii` (a terminal whose locale is not UTF-8)
// every string the catalogue gives is ASCII: typographic punctuation is replaced
// (engine/text/ascii.ts), and Russian, which has no ASCII form, gives way to English
// (docs/terminal.md: "Locale").
import { toAsciiPunctuation } from '../../engine/text/ascii.js';
import { en, type Catalogue } from './en/index.js';
import { ru } from './ru/index.js';

export type Lang = 'en' | 'ru';
export type { Catalogue };
export { toAsciiPunctuation };

function mapStrings<T>(value: T, transform: (s: string) => string): T {
  if (typeof value === 'string') return transform(value) as T;
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => mapStrings(fn(...args), transform)) as T;
  }
  if (Array.isArray(value)) return (value as unknown[]).map((v) => mapStrings(v, transform)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, transform)])) as T;
  }
  return value;
}

/** The language the dashboard speaks: Russian only where the terminal can show it. */
export function shownLanguage(lang: Lang, ascii: boolean): Lang {
  return ascii ? 'en' : lang;
}

const cache = new Map<string, Catalogue>();

export function catalogue(lang: Lang, ascii: boolean): Catalogue {
  const shown = shownLanguage(lang, ascii);
  const key = `${shown}:${ascii}`;
  let found = cache.get(key);
  if (!found) {
    const base = shown === 'ru' ? ru : en;
    found = ascii ? mapStrings(base, toAsciiPunctuation) : base;
    cache.set(key, found);
  }
  return found;
}
