// What the terminal and the locale allow, decided once at start (docs/terminal.md;
// docs/ARCHITECTURE.md, Terminal output over SSH): whether the full-screen dashboard can be
// drawn at all, with how many colours, in which characters and which language.
import { asciiLocale } from '../engine/text/ascii.js';
import { oneLine } from '../engine/text/sanitize.js';
import { findTerminfo, type TerminfoEntry } from './terminfo.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The terminal can show the dashboard (it moves its cursor), with `colors` colours (0: vt100, vt220, xterm-mono); or it cannot, and `problem` says why. */
export type TerminalAbilities = { screen: true; colors: number } | { screen: false; problem: string };

/**
 * Terminals that speak the xterm/ANSI sequences Ink writes, for a TERM this machine has no
 * terminfo entry for (a new terminal's own TERM over SSH, xterm-kitty, xterm-ghostty; or a
 * container without a terminfo database). First match wins; the number is the colours.
 */
const KNOWN_TERMINALS: readonly (readonly [RegExp, number])[] = [
  [/-(mono|m)$/, 0],
  [/^(vt52|vt1\d\d|vt2\d\d)(-|$)/, 0],
  [/(256colou?r|direct|truecolor)$/, 256],
  [
    /^(xterm|screen|tmux|rxvt|urxvt|linux|putty|konsole|gnome|vte|alacritty|kitty|foot|wezterm|st|ansi|cygwin|mintty|iterm|ghostty|contour|eterm|mlterm|termite)(-|$)/,
    8,
  ],
];

function knownTerminal(name: string): TerminfoEntry | null {
  const known = KNOWN_TERMINALS.find(([pattern]) => pattern.test(name));
  return known ? { colors: known[1], movesCursor: true } : null;
}

/**
 * The dashboard needs a terminal that moves its cursor. No TERM, TERM=dumb and a TERM that
 * neither terminfo nor the list of known terminals knows get what a pipe gets: the status
 * table and a hint. `lookup` is the terminfo search (tests give their own).
 */
export function terminalAbilities(
  env: Env,
  lookup: (name: string, env: Env) => TerminfoEntry | null = findTerminfo,
): TerminalAbilities {
  const name = env['TERM'] ?? '';
  const cannot = (problem: string): TerminalAbilities => ({ screen: false, problem });
  if (!name) return cannot('TERM is not set, so the terminal is unknown');
  // TERM comes from the SSH client: shown only without control characters.
  const shown = `TERM=${oneLine(name)}`;
  if (name === 'dumb' || name === 'unknown') return cannot(`${shown} cannot show a full-screen dashboard`);
  const entry = lookup(name, env) ?? knownTerminal(name);
  if (!entry) return cannot(`${shown} is a terminal this system does not know (no terminfo entry)`);
  if (!entry.movesCursor) return cannot(`${shown} cannot move the cursor, so it cannot show a full-screen dashboard`);
  return { screen: true, colors: entry.colors };
}

/** ASCII only, unless the locale says UTF-8 (an unset locale is "C", which does not). */
export const wantsAscii: (env: Env) => boolean = asciiLocale;

/** Colour unless NO_COLOR is set (to anything non-empty), --no-color was given, or the terminal has fewer than 8 colours. */
export function wantsColor(env: Env, noColorFlag: boolean, colors: number): boolean {
  return !noColorFlag && !env['NO_COLOR'] && colors >= 8;
}

/** Russian when the messages locale is Russian, else English. */
export function languageFromEnv(env: Env): 'en' | 'ru' {
  const lang = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^ru/i.test(lang) ? 'ru' : 'en';
}
