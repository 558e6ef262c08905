// One read from the terminal, key by key: every key counts, Escape included, and ESC is
// judged by what follows it in the same read.
import { expect, test } from 'vitest';
import { keysOfRead } from '../../../src/ui/hooks/keys-of-read.js';
import { keyMatches, type KeyName, type KeyPress } from '../../../src/ui/keymap.js';

const NAMES: readonly KeyName[] = [
  'up',
  'down',
  'left',
  'right',
  'pageup',
  'pagedown',
  'home',
  'end',
  'tab',
  'shift+tab',
  'escape',
  'return',
  'backspace',
  'ctrl+c',
];

/** Each key as the dashboard's key names see it: a named key, Alt+x, Ctrl+x, or its text. */
function named(press: KeyPress): string {
  const name = NAMES.find((n) => keyMatches(n, press));
  if (name) return name;
  if (press.key.meta) return `alt+${press.input}`;
  if (press.key.ctrl) return `ctrl+${press.input}`;
  return press.input;
}

const keys = (read: string) => keysOfRead(read).map(named);

test('letters that arrived together are single keys; control characters keep their meaning', () => {
  expect(keys('sy')).toEqual(['s', 'y']);
  expect(keys('j\t\r\u007fs\u0003')).toEqual(['j', 'tab', 'return', 'backspace', 's', 'ctrl+c']);
  expect(keys('\u000c')).toEqual(['ctrl+l']);
  expect(keysOfRead('aB').map((p) => p.key.shift)).toEqual([false, true]);
  expect(keys('дя😀')).toEqual(['д', 'я', '😀']);
});

test('two, three Escapes in one read are two, three Escapes', () => {
  expect(keys('\u001b')).toEqual(['escape']);
  expect(keys('\u001b\u001b')).toEqual(['escape', 'escape']);
  expect(keys('\u001b\u001b\u001b')).toEqual(['escape', 'escape', 'escape']);
  expect(keys('j\u001b')).toEqual(['j', 'escape']);
});

test('arrows, PgDn, Home, End and Shift+Tab among letters in one read: each key once, in order', () => {
  expect(keys('jj\u001b[6~k')).toEqual(['j', 'j', 'pagedown', 'k']);
  expect(keys('\u001b[A\u001b[Bq')).toEqual(['up', 'down', 'q']);
  expect(keys('\u001bOA\u001bOB')).toEqual(['up', 'down']);
  expect(keys('\u001b[5~\u001b[H\u001b[F\u001b[1~\u001b[4~')).toEqual(['pageup', 'home', 'end', 'home', 'end']);
  expect(keys('\u001b[Z\t')).toEqual(['shift+tab', 'tab']);
  expect(keys('\u001b[3~')).toEqual(['backspace']); // Delete erases too, as before
  // Modifiers: Ctrl+Down is still Down for the dashboard; the Ctrl is kept.
  expect(keysOfRead('\u001b[1;5B')[0]!.key).toMatchObject({ downArrow: true, ctrl: true });
});

test('ESC and a character: Alt+character when that is the whole read, else Escape then the character', () => {
  // A terminal sends Alt+j as one write, ESC j; the dashboard binds no Alt key.
  expect(keys('\u001bj')).toEqual(['alt+j']);
  expect(keys('\u001bJ')).toEqual(['alt+J']);
  // Anything else in the same read: keys typed quickly that arrived together.
  expect(keys('\u001bjk')).toEqual(['escape', 'j', 'k']);
  expect(keys('k\u001bj')).toEqual(['k', 'escape', 'j']);
  expect(keys('\u001b\u001bj')).toEqual(['escape', 'escape', 'j']);
  expect(keys('\u001b\u001b[A')).toEqual(['escape', 'up']);
  expect(keys('\u001b\r')).toEqual(['escape', 'return']);
  expect(keys('\u001bq\u001b')).toEqual(['escape', 'q', 'escape']);
});

test('sequences the dashboard has no use for are dropped whole, never typed as text', () => {
  expect(keys('\u001b[15~j')).toEqual(['j']); // F5
  expect(keys('\u001bOPj')).toEqual(['j']); // F1
  expect(keys('\u001b[[Aj')).toEqual(['j']); // F1 on the linux console
  expect(keys('\u001b[Ij\u001b[O')).toEqual(['j']); // focus in/out
  expect(keys('\u001b[27;5;106~')).toEqual([]);
  // Cut off by the end of the read: no key, no "[6" typed into a filter.
  expect(keys('j\u001b[6')).toEqual(['j']);
});
