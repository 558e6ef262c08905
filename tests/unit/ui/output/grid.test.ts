import { describe, expect, test } from 'vitest';
import { BLANK, blankRow, blankTail, parseLine } from '../../../../src/ui/output/grid.js';
import { INVERSE, PLAIN, styleOf } from '../../../../src/ui/output/style.js';

describe('parseLine', () => {
  test('the same character in the same look is one cell object, in every line', () => {
    const [a, , b] = parseLine('\u001b[31mx-x\u001b[m', 5);
    const [c] = parseLine('\u001b[31mx', 3);
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(a).toEqual({ ch: 'x', width: 1, style: styleOf(0, '31', '') });
    expect(parseLine('\u001b[32mx', 1)[0]!.style).toEqual(styleOf(0, '32', ''));
  });

  test('a space shows only what a space can: plain spaces are BLANK, inverse keeps its colours', () => {
    const row = parseLine('\u001b[1;31m \u001b[7m \u001b[m ', 4);
    expect(row[0]).toBe(BLANK);
    expect(row[1]).toEqual({ ch: ' ', width: 1, style: styleOf(INVERSE, '31', '') });
    expect(row[2]).toBe(BLANK);
    expect(row[3]).toBe(BLANK);
    expect(row[1]!.style).not.toBe(PLAIN);
  });

  test('wide characters, combining marks and controls as before; what does not fit is cut', () => {
    const row = parseLine('a\u0301界\u0007b', 4);
    expect(row.map((c) => [c.ch, c.width])).toEqual([
      ['a\u0301', 1],
      ['界', 2],
      ['', 0],
      ['b', 1],
    ]);
    expect(parseLine('ab界', 3).map((c) => c.ch)).toEqual(['a', 'b', ' ']);
  });

  test('emoji drawn as emoji take two cells, as the terminal draws them', () => {
    expect(parseLine('✅🚀a', 5).map((c) => [c.ch, c.width])).toEqual([
      ['✅', 2],
      ['', 0],
      ['🚀', 2],
      ['', 0],
      ['a', 1],
    ]);
  });
});

describe('blankTail', () => {
  test('the first column from which the row shows plain spaces to its end; a coloured space is not blank', () => {
    expect(blankTail(blankRow(8))).toBe(0);
    expect(blankTail(parseLine('   ', 8))).toBe(0);
    expect(blankTail(parseLine('ab', 8))).toBe(2);
    expect(blankTail(parseLine('\u001b[44m \u001b[0m', 8))).toBe(1);
    expect(blankTail(parseLine('       x', 8))).toBe(8);
  });
});

describe('parseLine with emoji sequences', () => {
  const shape = (line: string, columns: number) => parseLine(line, columns).map((c) => [c.ch, c.width]);

  test('a sequence is one cell of two, as the terminal draws it', () => {
    expect(shape('👨‍👩‍👧a', 4)).toEqual([
      ['👨‍👩‍👧', 2],
      ['', 0],
      ['a', 1],
      [' ', 1],
    ]);
    expect(shape('👍🏽⚠️1️⃣', 6)).toEqual([
      ['👍🏽', 2],
      ['', 0],
      ['⚠️', 2],
      ['', 0],
      ['1️⃣', 2],
      ['', 0],
    ]);
  });

  test('the cells of a line add up to the width the layout measured, in every look', async () => {
    const { cellWidth } = await import('../../../../src/ui/text/cells.js');
    const texts = ['👨‍👩‍👧', '👩‍⚕️', '👍🏽', '⚠️', '☎️', '1️⃣', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🇷🇺', 'ok', 'Ж', '文', 'e\u0301', '🚀'];
    for (const a of texts)
      for (const b of texts) {
        const text = `${a}${b}`;
        const row = parseLine(`\u001b[1m${a}\u001b[31m${b}\u001b[m`, 12);
        expect([text, blankTail(row)]).toEqual([text, cellWidth(text)]);
        expect(
          row
            .map((c) => c.ch)
            .join('')
            .trimEnd(),
        ).toBe(text);
      }
  });

  test('a selector that would widen the last column is dropped rather than overflow the row', () => {
    expect(shape('ab⚠️', 3)).toEqual([
      ['a', 1],
      ['b', 1],
      ['⚠', 1],
    ]);
  });
});

test('parseLine: a line of many selectors after one letter stays one cell, and is read in linear time', () => {
  const row = parseLine(`a${'\ufe0f'.repeat(100_000)}b`, 4);
  expect(row.map((c) => c.width)).toEqual([1, 1, 1, 1]);
  expect(row[1]!.ch).toBe('b');
});
