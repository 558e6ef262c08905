// What one read from the terminal holds, key by key (pure). Over a laggy SSH link several
// keys arrive in one read ("jj", an arrow and a letter, two Escapes): every one counts.
//
// Escape is the hard one: ESC is also the first byte of every escape sequence (an arrow is
// ESC [ A) and, in many terminals, of Alt+key (Alt+j is ESC j). It is decided by what
// follows ESC in the same read, never by timing alone:
//   - ESC [ … final byte, ESC O letter: one key (arrow, Home, PgDn…), as the terminal sent it;
//   - ESC at the end of the read: Escape;
//   - ESC followed by another ESC: Escape (nobody means Alt+Escape), and the second ESC is
//     judged the same way: "ESC ESC" is two Escapes, "ESC ESC [ A" is Escape then Up;
//   - ESC followed by one printable character, and nothing else in the read: Alt+that
//     character, as a terminal sends it in one write (the dashboard binds no Alt key, so
//     it does nothing);
//   - ESC followed by anything else (a character with more keys after it, Enter, Tab): keys
//     typed quickly that arrived together, so Escape, then the keys after it.
// A sequence cut off by the end of the read (ESC [ 6 without its ~) is dropped: it is no key,
// and its bytes must not turn into typed text.
import type { Key } from 'ink';
import { keyPress, type KeyPress } from '../keymap.js';

const ESC = '\u001b';

const press = keyPress;

/** One character as the key it is: Tab, Enter, Backspace, Ctrl+letter, or text. */
function pressOfChar(char: string): KeyPress {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\t') return press('', { tab: true });
  if (char === '\r' || char === '\n') return press('', { return: true });
  // Terminals send DEL for Backspace; Ink calls it "delete" (keymap.ts matches both).
  if (char === '\u007f') return press('', { delete: true });
  if (char === '\b') return press('', { backspace: true });
  if (code >= 1 && code <= 26) return press(String.fromCharCode(code + 96), { ctrl: true });
  return press(char, { shift: /^[A-Z]$/.test(char) });
}

type Named = Partial<Key>;

/** The named key of a sequence's final byte (ESC [ A, ESC O A, ESC [ 1 ; 5 A). */
const BY_FINAL: Readonly<Record<string, Named>> = {
  A: { upArrow: true },
  B: { downArrow: true },
  C: { rightArrow: true },
  D: { leftArrow: true },
  H: { home: true },
  F: { end: true },
  Z: { tab: true, shift: true },
  // rxvt: Shift+arrow
  a: { upArrow: true, shift: true },
  b: { downArrow: true, shift: true },
  c: { rightArrow: true, shift: true },
  d: { leftArrow: true, shift: true },
};

/** The named key of ESC [ number ~ (and rxvt's ^ and $ endings). */
const BY_NUMBER: Readonly<Record<string, Named>> = {
  '1': { home: true },
  '7': { home: true },
  '4': { end: true },
  '8': { end: true },
  '3': { delete: true },
  '5': { pageUp: true },
  '6': { pageDown: true },
};

/** xterm's modifier parameter (ESC [ 1 ; 5 A is Ctrl+Up): 1 + Shift 1 + Alt 2 + Ctrl 4 + Meta 8. */
function modifiers(parameter: string | undefined): Named {
  const bits = Number(parameter ?? '1') - 1;
  if (!Number.isInteger(bits) || bits <= 0) return {};
  return {
    ...(bits & 1 ? { shift: true } : {}),
    ...(bits & 10 ? { meta: true } : {}),
    ...(bits & 4 ? { ctrl: true } : {}),
  };
}

/** The key a complete CSI sequence names, or null for one the dashboard has no use for (F5, focus reports…). */
function csiKey(body: string, final: string): KeyPress | null {
  const [first, second] = body.replace(/^\[/, '').split(';');
  const named =
    final === '~' || final === '^' || final === '$'
      ? BY_NUMBER[first ?? '']
      : body === '' || first === '1'
        ? BY_FINAL[final]
        : undefined;
  if (!named) return null;
  return press('', {
    ...named,
    ...modifiers(second),
    ...(final === '^' ? { ctrl: true } : final === '$' ? { shift: true } : {}),
  });
}

/** Where the escape sequence starting at `at` (an ESC) ends, and its key: null when ESC does not start one, 'cut' when the read ends inside it. */
function sequenceAt(text: string, at: number): { end: number; key: KeyPress | null } | 'cut' | null {
  const kind = text[at + 1];
  if (kind === 'O') {
    const final = text[at + 2];
    if (final === undefined) return null; // ESC O at the end: Alt+O or Escape, O
    return /[A-Za-z]/.test(final) ? { end: at + 3, key: BY_FINAL[final] ? press('', BY_FINAL[final]) : null } : null;
  }
  if (kind !== '[') return null;
  // ESC [ then parameter bytes (and the linux console's second '['), then a final byte.
  let i = at + 2;
  if (text[i] === '[') i++;
  while (i < text.length && /[0-9;:<=>?]/.test(text[i]!)) i++;
  const final = text[i];
  if (final === undefined) return i === at + 2 ? null : 'cut';
  if (/[@-~$]/.test(final)) return { end: i + 1, key: csiKey(text.slice(at + 2, i), final) };
  return null;
}

/** Every key in one read, in order. */
export function keysOfRead(text: string): KeyPress[] {
  const keys: KeyPress[] = [];
  const chars = [...text];
  // Alt+character: exactly ESC and one printable character, the whole read.
  // eslint-disable-next-line no-control-regex
  if (chars.length === 2 && chars[0] === ESC && !/[\u0000-\u001f\u007f]/.test(chars[1]!)) {
    return [press(chars[1]!, { meta: true, shift: /^[A-Z]$/.test(chars[1]!) })];
  }
  let at = 0;
  while (at < text.length) {
    const char = String.fromCodePoint(text.codePointAt(at)!);
    if (char !== ESC) {
      keys.push(pressOfChar(char));
      at += char.length;
      continue;
    }
    const sequence = sequenceAt(text, at);
    if (sequence === 'cut') break;
    if (sequence) {
      if (sequence.key) keys.push(sequence.key);
      at = sequence.end;
      continue;
    }
    keys.push(press('', { escape: true }));
    at += 1;
  }
  return keys;
}
