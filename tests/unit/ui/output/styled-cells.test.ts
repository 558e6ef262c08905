// src/ui/output/styled-cells.ts: cellsOf reads a line as ansi-tokenize does, without asking
// it for the characters it knows to be one cell each.
import { styledCharsFromTokens, tokenize, type StyledChar } from '@alcalzone/ansi-tokenize';
import stringWidth from 'string-width';
import { expect, test } from 'vitest';
import { cellsOf } from '../../../../src/ui/output/styled-cells.js';
import { ONE_CELL_RANGES } from '../../../../src/ui/output/text-width.js';

/** A cell as plain data: its character's fields and style codes, and its width. */
const plain = (char: StyledChar, width: number) => ({
  char: { type: char.type, value: char.value, fullWidth: char.fullWidth, codes: char.styles.map((s) => s.code) },
  width,
});

/** What ansi-tokenize makes of the line, with string-width's widths (a wide character's at least 1). */
const tokenizerCells = (line: string) =>
  styledCharsFromTokens(tokenize(line)).map((char) => plain(char, Math.max(1, stringWidth(char.value))));

const ourCells = (line: string) => cellsOf(line).map(({ char, width }) => plain(char, width));

test('cellsOf: every one-cell character, plain, coloured and between others, as ansi-tokenize reads it', () => {
  const chars: string[] = [];
  for (const [from, to] of ONE_CELL_RANGES) for (let c = from; c <= to; c++) chars.push(String.fromCodePoint(c));
  // In runs of 64, so that each character is met both first (read on its own) and again (remembered).
  for (let i = 0; i < chars.length; i += 64) {
    const run = chars.slice(i, i + 64).join('');
    for (const line of [run, `\u001b[31m${run}\u001b[39m`, `a\u001b[1m${run}\u001b[22m b`, run])
      expect(ourCells(line), JSON.stringify(line)).toEqual(tokenizerCells(line));
  }
});

test('cellsOf: wide, joined and combined characters still go through the tokenizer', () => {
  for (const line of ['日本\u001b[31m語\u001b[39m', 'e\u0301x', '\u001b[2m👍🏽 ok\u001b[22m', '⌚⏰', 'ок ✓ ✗ ★'])
    expect(ourCells(line), JSON.stringify(line)).toEqual(tokenizerCells(line));
});
