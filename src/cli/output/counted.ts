// The command line's counted words: English, by Intl.PluralRules (engine/text/plural.ts),
// so no message says "1 runs".
import { counted, type EnglishForms } from '../../engine/text/plural.js';

export const WORDS = {
  run: { one: 'run', other: 'runs' },
  runSummary: { one: 'run summary', other: 'run summaries' },
  day: { one: 'day', other: 'days' },
  service: { one: 'service', other: 'services' },
  task: { one: 'task', other: 'tasks' },
  user: { one: 'user', other: 'users' },
  exchange: { one: 'exchange', other: 'exchanges' },
} as const satisfies Record<string, EnglishForms>;

/** "1 run", "2 runs". */
export const count = (n: number, word: keyof typeof WORDS): string => counted('en', n, WORDS[word]);
