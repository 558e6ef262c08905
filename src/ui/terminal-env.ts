// Defaults the entry point can derive from the environment (docs/cli.md, Global options).

type Env = Record<string, string | undefined>;

const locale = (env: Env) => env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';

/** ASCII glyphs unless the locale says UTF-8 (an unset locale is "C", which is not). */
export function wantsAscii(env: Env): boolean {
  return !/utf-?8/i.test(locale(env));
}

/** Colour unless NO_COLOR is set (to anything non-empty) or --no-color was given. */
export function wantsColor(env: Env, noColorFlag: boolean): boolean {
  return !noColorFlag && !env['NO_COLOR'];
}

/** Russian when the messages locale is Russian, else English. */
export function languageFromEnv(env: Env): 'en' | 'ru' {
  const lang = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^ru/i.test(lang) ? 'ru' : 'en';
}
