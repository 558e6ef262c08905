// textWidth: string-width's number, with a shortcut for text whose every character is one cell.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { ONE_CELL_RANGES, textWidth } from '../../../../src/ui/output/text-width.js';

const oneCell = ONE_CELL_RANGES.flatMap(([from, to]) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)),
);

describe('text-width.textWidth', () => {
  it('every character of the shortcut is one cell for string-width too', () => {
    const wrong = oneCell.filter((c) => stringWidth(c) !== 1).map((c) => c.codePointAt(0)!.toString(16));
    expect(wrong).toEqual([]);
  });

  it('strings made of them are as long as string-width says (no two of them join)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5_000; i++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 8) },
        () => oneCell[Math.floor(next() * oneCell.length)],
      ).join('');
      expect(textWidth(text)).toBe(stringWidth(text));
    }
  });

  it('coloured text made of them is as wide as string-width says, colour codes counting nothing', () => {
    const codes = [
      '\u001b[0m',
      '\u001b[1m',
      '\u001b[7m',
      '\u001b[22m',
      '\u001b[27m',
      '\u001b[36m',
      '\u001b[39m',
      '\u001b[90m',
      '\u001b[38;5;208m',
      '\u001b[48;2;1;2;3m',
    ];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 10) }, () =>
        next() < 0.3 ? codes[Math.floor(next() * codes.length)] : oneCell[Math.floor(next() * oneCell.length)],
      ).join('');
      expect(textWidth(text)).toBe(stringWidth(text));
    }
    expect(textWidth('\u001b[36m░██░░░\u001b[39m Receive calls')).toBe(20);
  });

  it('gives string-width the rest: wide, combining, emoji, colour codes, controls', () => {
    for (const text of [
      'Запуск · ▶ 12%',
      '日本語のタスク',
      'e\u0301tat',
      'x\u200dy',
      '◽ ◾ ⌚',
      '👩‍💻 deploy',
      '\u001b[31mred\u001b[39m',
      'soft\u00adhyphen',
      'a\tb',
      'ก\u0e33',
      '',
    ])
      expect(textWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
  });
});
