// Picks the catalogue for a language; with the ASCII fallback, typographic punctuation in
// the catalogue's strings is replaced, so a non-UTF-8 terminal shows no mojibake.
import { en, type Catalogue } from './en.js';
import { ru } from './ru.js';

export type Lang = 'en' | 'ru';
export type { Catalogue };

const ASCII_PUNCTUATION: Record<string, string> = {
  '—': '-',
  '–': '-',
  '…': '...',
  '→': '->',
  '·': '-',
  '×': 'x',
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '↑': '^',
  '↓': 'v',
  '←': '<-',
};

export function toAsciiPunctuation(text: string): string {
  return text.replace(/[—–…→←·×«»“”↑↓]/g, (c) => ASCII_PUNCTUATION[c] ?? c);
}

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

const cache = new Map<string, Catalogue>();

export function catalogue(lang: Lang, ascii: boolean): Catalogue {
  const key = `${lang}:${ascii}`;
  let found = cache.get(key);
  if (!found) {
    const base = lang === 'ru' ? ru : en;
    found = ascii ? mapStrings(base, toAsciiPunctuation) : base;
    cache.set(key, found);
  }
  return found;
}
