// What the terminal and the locale allow: terminfo read the way ncurses finds it, TERM
// judged, colours, ASCII and the language.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { findTerminfo, parseTerminfo, terminfoDirs, type TerminfoEntry } from '../../../src/ui/terminfo.js';
import { languageFromEnv, terminalAbilities, wantsAscii, wantsColor } from '../../../src/ui/terminal-env.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-terminfo-');

/** A compiled terminfo entry (term(5)) with max_colors and cursor_address set or absent. */
function compiled(options: {
  name: string;
  colors?: number;
  cup: boolean;
  extended?: boolean;
  oddNames?: boolean;
}): Buffer {
  const names = Buffer.from(`${options.name}|test terminal${options.oddNames ? '' : 'x'}\0`);
  const bools = Buffer.from([1, 0, 1]);
  const numberSize = options.extended ? 4 : 2;
  const numbers = Buffer.alloc(14 * numberSize);
  for (let i = 0; i < 14; i++) {
    const value = i === 13 && options.colors !== undefined ? options.colors : -1;
    if (numberSize === 2) numbers.writeInt16LE(value, i * 2);
    else numbers.writeInt32LE(value, i * 4);
  }
  const table = Buffer.from('\u001b[%i%p1%d;%p2%dH\0');
  const strings = Buffer.alloc(11 * 2);
  for (let i = 0; i < 11; i++) strings.writeInt16LE(i === 10 && options.cup ? 0 : -1, i * 2);
  const header = Buffer.alloc(12);
  [options.extended ? 0o1036 : 0o432, names.length, bools.length, 14, 11, table.length].forEach((v, i) =>
    header.writeInt16LE(v, i * 2),
  );
  const pad = (names.length + bools.length) % 2 === 1 ? Buffer.from([0]) : Buffer.alloc(0);
  return Buffer.concat([header, names, bools, pad, numbers, strings, table]);
}

test('terminfo entries: colours and cursor addressing, in the 16-bit and the 32-bit format', () => {
  expect(parseTerminfo(compiled({ name: 'a', colors: 256, cup: true }))).toEqual({ colors: 256, movesCursor: true });
  expect(parseTerminfo(compiled({ name: 'a', colors: 256, cup: true, oddNames: true }))).toEqual({
    colors: 256,
    movesCursor: true,
  });
  expect(parseTerminfo(compiled({ name: 'a', colors: 0x1000000, cup: true, extended: true }))).toEqual({
    colors: 0x1000000,
    movesCursor: true,
  });
  // vt220: no max_colors at all; dumb: no cursor_address.
  expect(parseTerminfo(compiled({ name: 'a', cup: true }))).toEqual({ colors: 0, movesCursor: true });
  expect(parseTerminfo(compiled({ name: 'a', cup: false }))).toEqual({ colors: 0, movesCursor: false });
  expect(parseTerminfo(Buffer.from('not a terminfo file at all'))).toBeNull();
  expect(parseTerminfo(compiled({ name: 'a', colors: 8, cup: true }).subarray(0, 30))).toBeNull();
});

test('terminfo is found where ncurses looks: $TERMINFO, the first letter or its hex code as the folder, $TERMINFO_DIRS', () => {
  const own = join(dir(), 'own');
  mkdirSync(join(own, 'f'), { recursive: true });
  writeFileSync(join(own, 'f', 'fancy-term'), compiled({ name: 'fancy-term', colors: 256, cup: true }));
  const mac = join(dir(), 'mac');
  mkdirSync(join(mac, '6d'), { recursive: true });
  writeFileSync(join(mac, '6d', 'mono-term'), compiled({ name: 'mono-term', cup: true }));
  const env = { TERMINFO: own, TERMINFO_DIRS: `${mac}:`, HOME: dir() };
  expect(findTerminfo('fancy-term', env)).toEqual({ colors: 256, movesCursor: true });
  expect(findTerminfo('mono-term', env)).toEqual({ colors: 0, movesCursor: true });
  expect(findTerminfo('no-such-term', env)).toBeNull();
  // A TERM is a name, never a path.
  expect(findTerminfo('../own/f/fancy-term', env)).toBeNull();
  expect(findTerminfo('.hidden', env)).toBeNull();
  // An empty part of TERMINFO_DIRS stands for the system's folders, after the given ones.
  const dirs = terminfoDirs(env);
  expect(dirs.slice(0, 3)).toEqual([own, join(dir(), '.terminfo'), mac]);
  expect(dirs).toContain('/usr/share/terminfo');
});

const lookup =
  (entries: Record<string, TerminfoEntry>) =>
  (name: string): TerminfoEntry | null =>
    entries[name] ?? null;

test('TERM decides whether the dashboard can be drawn: not set, dumb, unknown and cursor-less terminals cannot', () => {
  const known = lookup({
    'xterm-256color': { colors: 256, movesCursor: true },
    vt220: { colors: 0, movesCursor: true },
    lpr: { colors: 0, movesCursor: false },
  });
  expect(terminalAbilities({ TERM: 'xterm-256color' }, known)).toEqual({ screen: true, colors: 256 });
  expect(terminalAbilities({ TERM: 'vt220' }, known)).toEqual({ screen: true, colors: 0 });
  expect(terminalAbilities({}, known)).toEqual({
    screen: false,
    problem: 'TERM is not set, so the terminal is unknown',
  });
  expect(terminalAbilities({ TERM: '' }, known)).toMatchObject({ screen: false });
  expect(terminalAbilities({ TERM: 'dumb' }, known)).toEqual({
    screen: false,
    problem: 'TERM=dumb cannot show a full-screen dashboard',
  });
  expect(terminalAbilities({ TERM: 'lpr' }, known)).toMatchObject({
    screen: false,
    problem: expect.stringContaining('cannot move the cursor') as unknown,
  });
  expect(terminalAbilities({ TERM: 'blorp' }, known)).toEqual({
    screen: false,
    problem: 'TERM=blorp is a terminal this system does not know (no terminfo entry)',
  });
  // TERM comes from the client: its control characters never reach the terminal.
  const hostile = terminalAbilities({ TERM: 'x\u001b]0;owned\u0007' }, known);
  expect(hostile.screen).toBe(false);
  expect(hostile.screen === false && hostile.problem).not.toMatch(/[\u0000-\u001f]/);
});

test('a TERM without a terminfo entry here, but of a known family, still gets the dashboard (kitty, ghostty over SSH)', () => {
  const none = lookup({});
  expect(terminalAbilities({ TERM: 'xterm-kitty' }, none)).toEqual({ screen: true, colors: 8 });
  expect(terminalAbilities({ TERM: 'xterm-ghostty' }, none)).toEqual({ screen: true, colors: 8 });
  expect(terminalAbilities({ TERM: 'alacritty' }, none)).toEqual({ screen: true, colors: 8 });
  expect(terminalAbilities({ TERM: 'tmux-256color' }, none)).toEqual({ screen: true, colors: 256 });
  expect(terminalAbilities({ TERM: 'vt100' }, none)).toEqual({ screen: true, colors: 0 });
  expect(terminalAbilities({ TERM: 'vt220' }, none)).toEqual({ screen: true, colors: 0 });
  expect(terminalAbilities({ TERM: 'xterm-mono' }, none)).toEqual({ screen: true, colors: 0 });
  expect(terminalAbilities({ TERM: 'stupid' }, none).screen).toBe(false);
});

test('this machine: the real terminfo database agrees on the common terminals', () => {
  // Whatever the system has: an entry found must say what the family list says.
  for (const [name, colors] of [
    ['xterm-256color', 256],
    ['vt220', 0],
    ['screen', 8],
  ] as const) {
    const entry = findTerminfo(name, process.env);
    if (entry) expect(entry).toEqual({ colors, movesCursor: true });
  }
  expect(terminalAbilities({ TERM: 'dumb' }).screen).toBe(false);
  expect(terminalAbilities({ TERM: 'xterm-256color' })).toEqual({ screen: true, colors: 256 });
});

test('colour: off for NO_COLOR, --no-color, and a terminal with fewer than 8 colours', () => {
  expect(wantsColor({}, false, 256)).toBe(true);
  expect(wantsColor({}, false, 8)).toBe(true);
  expect(wantsColor({ NO_COLOR: '1' }, false, 256)).toBe(false);
  expect(wantsColor({ NO_COLOR: '' }, false, 256)).toBe(true);
  expect(wantsColor({}, true, 256)).toBe(false);
  expect(wantsColor({}, false, 0)).toBe(false);
  expect(wantsColor({}, false, 2)).toBe(false);
});

test('ASCII unless the locale that decides the character set says UTF-8; the language from the messages locale', () => {
  expect(wantsAscii({ LANG: 'en_US.UTF-8' })).toBe(false);
  expect(wantsAscii({ LANG: 'C.utf8' })).toBe(false);
  expect(wantsAscii({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(true);
  expect(wantsAscii({ LC_CTYPE: 'ru_RU.KOI8-R', LANG: 'en_US.UTF-8' })).toBe(true);
  expect(wantsAscii({ LC_ALL: '', LC_CTYPE: 'en_US.UTF-8' })).toBe(false);
  expect(wantsAscii({ LANG: 'C' })).toBe(true);
  expect(wantsAscii({})).toBe(true);
  expect(languageFromEnv({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
  expect(languageFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ru_RU.UTF-8' })).toBe('ru');
  expect(languageFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
});
