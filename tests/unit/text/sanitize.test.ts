import { describe, expect, it } from 'vitest';
import { oneLine, snippet, stripControls } from '../../../src/engine/text/sanitize.js';

const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('text/sanitize: stripControls', () => {
  it.each([
    ['CSI colour and cursor moves', 'a\u001b[31mred\u001b[0m \u001b[2J\u001b[10;5H\u001b[?1049hb', 'ared b'],
    ['OSC 52 clipboard (BEL)', 'x\u001b]52;c;cm0gLXJmIC8=\u0007y', 'xy'],
    ['OSC title (ST)', 'x\u001b]0;owned\u001b\\y', 'xy'],
    ['DCS', 'x\u001bP1$r0m\u001b\\y', 'xy'],
    ['APC / PM / SOS', '\u001b_app\u001b\\\u001b^pm\u001b\\\u001bXsos\u001b\\ok', 'ok'],
    ['8-bit CSI and OSC', 'a\u009b31mb\u009d0;t\u009cc', 'abc'],
    ['charset and reset escapes', 'a\u001b(Bb\u001bcc\u001b7d', 'abcd'],
    ['unterminated OSC swallows the rest', 'ok\u001b]52;c;AAAA', 'ok'],
    ['C0 and C1 controls', 'a\u0000b\u0007c\u0008d\re\u007ff\u0085g', 'abcdefg'],
  ])('removes %s', (_name, input, expected) => {
    expect(stripControls(input)).toBe(expected);
  });

  it('keeps newlines, tabs and ordinary Unicode', () => {
    expect(stripControls('Иванова\tкаб. 3\nзапись ✓')).toBe('Иванова\tкаб. 3\nзапись ✓');
  });

  it('never lets an ESC or a control survive, whatever the input', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    for (let i = 0; i < 500; i++) {
      const s = Array.from({ length: 40 }, () => String.fromCharCode(rand() % 3 === 0 ? 0x1b : rand() % 0xa0)).join('');
      expect(stripControls(s)).not.toMatch(ANY_CONTROL);
    }
  });
});

describe('text/sanitize: oneLine and snippet', () => {
  it('joins lines with single spaces and trims', () => {
    expect(oneLine('  first\r\nsecond\n\n\tthird\rfourth ')).toBe('first second third fourth');
  });

  it('cuts to a length with an ellipsis', () => {
    expect(snippet('abcdef', 4)).toBe('a...');
    expect(snippet('ab\u001b[2Jc', 10)).toBe('abc');
  });
});
