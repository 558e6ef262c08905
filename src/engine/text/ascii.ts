// Typography with an ASCII stand-in, for a terminal whose locale is not UTF-8 (LANG=C):
// there every character the product writes is ASCII. Only punctuation and symbols are
// replaced; letters of other scripts (a service's Cyrillic name) are data and stay.

const ASCII_STAND_IN: Readonly<Record<string, string>> = {
  '\u00a0': ' ', // no-break space
  '—': '-',
  '–': '-',
  '…': '...',
  '→': '->',
  '←': '<-',
  '↑': '^',
  '↓': 'v',
  '·': '-',
  '•': '*',
  '×': 'x',
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '„': '"',
  '‘': "'",
  '’': "'",
  '›': '>',
  '‹': '<',
  '≤': '<=',
  '≥': '>=',
  '✗': 'x',
  '№': 'No.',
};

const TYPOGRAPHY = new RegExp(`[${Object.keys(ASCII_STAND_IN).join('')}]`, 'g');

/** The text with its typographic punctuation replaced by ASCII ("a — b…" → "a - b..."). */
export function toAsciiPunctuation(text: string): string {
  return text.replace(TYPOGRAPHY, (c) => ASCII_STAND_IN[c] ?? c);
}

/**
 * True unless the locale says UTF-8: the locale that decides the character set is LC_ALL,
 * else LC_CTYPE, else LANG (POSIX order, an empty one counts as unset); none at all is "C",
 * which is ASCII.
 */
export function asciiLocale(env: Readonly<Record<string, string | undefined>>): boolean {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  return !/utf-?8/i.test(locale);
}
