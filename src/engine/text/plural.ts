// Counted words by each language's plural rules (Intl.PluralRules, CLDR): "1 run",
// "2 runs"; "1 запуск", "2 запуска", "5 запусков", "21 запуск". One helper for the
// dashboard's catalogues and the command line's English messages.

/** The word forms of a counted noun. `other` is required (English plural; Russian fractions). */
export type PluralForms = { readonly other: string } & Partial<Readonly<Record<Intl.LDMLPluralRule, string>>>;

/** Russian needs all four: 1 запуск (one), 2 запуска (few), 5 запусков (many), 1,5 запуска (other). */
export type RussianForms = Readonly<Record<'one' | 'few' | 'many' | 'other', string>>;
/** English: 1 run (one), 0 or 2 runs (other). */
export type EnglishForms = Readonly<Record<'one' | 'other', string>>;

const rules = new Map<string, Intl.PluralRules>();

function rulesFor(lang: string): Intl.PluralRules {
  let found = rules.get(lang);
  if (!found) {
    found = new Intl.PluralRules(lang);
    rules.set(lang, found);
  }
  return found;
}

/** The form of the word for n: pluralWord('ru', 22, …) is the "few" form. */
export function pluralWord(lang: string, n: number, forms: PluralForms): string {
  return forms[rulesFor(lang).select(n)] ?? forms.other;
}

/** n and its word: "1 run", "22 запуска". */
export function counted(lang: string, n: number, forms: PluralForms): string {
  return `${n} ${pluralWord(lang, n, forms)}`;
}

/** The plural categories a language uses (en: one, other; ru: one, few, many, other). */
export function pluralCategories(lang: string): Intl.LDMLPluralRule[] {
  return rulesFor(lang).resolvedOptions().pluralCategories;
}
