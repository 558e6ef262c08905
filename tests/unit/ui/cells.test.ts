import stringWidth from 'string-width';
import { expect, test } from 'vitest';
import { cellWidth, padCells, fitRight, truncate, wrapLine, wrapText } from '../../../src/ui/text/cells.js';

test('cell widths count wide characters twice and combining marks not at all', () => {
  expect(cellWidth('abc')).toBe(3);
  expect(cellWidth('Ожидание')).toBe(8);
  expect(cellWidth('日本')).toBe(4);
  expect(cellWidth('e\u0301')).toBe(1);
});

test('padCells pads or cuts to exactly the width', () => {
  expect(padCells('abc', 5, '…')).toBe('abc  ');
  expect(padCells('abcdef', 4, '…')).toBe('abc…');
  expect(padCells('abcdef', 4, '.')).toBe('abc.');
  expect(fitRight('42%', 5, '')).toBe('  42%');
  expect(cellWidth(padCells('日本語テキスト', 5, '…'))).toBe(5);
  expect(truncate('abc', 0, '…')).toBe('');
});

test('wrapping breaks at spaces when it can and hard-wraps long words', () => {
  expect(wrapLine('connect refused by the remote host', 12)).toEqual(['connect', 'refused by', 'the remote', 'host']);
  expect(wrapLine('aaaaaaaaaaaa', 5)).toEqual(['aaaaa', 'aaaaa', 'aa']);
  expect(wrapText('a\tb\nc', 10)).toEqual(['a  b', 'c']);
});

test('emoji drawn as emoji (🚀 ✅ ⏰) are two cells, as string-width and terminals count them', () => {
  const disagree: string[] = [];
  for (let code = 0x300; code < 0x20000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    if (/^\p{Emoji_Presentation}$/u.test(char) && cellWidth(char) !== stringWidth(char)) disagree.push(char);
  }
  expect(disagree).toEqual([]);
  expect(cellWidth('SMS 🚀 ✅')).toBe(9);
  expect(cellWidth(padCells('Reminders 🚀🚀', 11, '…'))).toBe(11);
  // A flag is two regional indicators, one cell each: two cells, as string-width has it.
  expect(cellWidth('🇷🇺')).toBe(stringWidth('🇷🇺'));
});

// Emoji sequences: one grapheme, drawn in the cells string-width (Ink's measure) gives it.
const SEQUENCES = ['👨‍👩‍👧', '👩‍⚕️', '👍🏽', '⚠️', '☎️', '1️⃣', '#️⃣', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🇷🇺', '🏽', '🏳️‍🌈'];

test('emoji sequences measure as string-width measures them, alone and among other text', () => {
  for (const seq of SEQUENCES) {
    expect([seq, cellWidth(seq)]).toEqual([seq, stringWidth(seq)]);
    const text = `Лиды ${seq} 日本 e\u0301 ${seq}${seq} ok`;
    expect([text, cellWidth(text)]).toEqual([text, stringWidth(text)]);
  }
  expect(cellWidth('👨‍👩‍👧')).toBe(2);
  expect(cellWidth('👍🏽')).toBe(2);
});

test('a cut or a wrap never splits an emoji sequence, and keeps the width it promises', () => {
  expect(truncate('ab👨‍👩‍👧cd', 4, '…')).toBe('ab…');
  expect(truncate('ab👨‍👩‍👧cd', 5, '…')).toBe('ab👨‍👩‍👧…');
  expect(padCells('👍🏽👍🏽👍🏽', 5, '')).toBe('👍🏽👍🏽 ');
  for (const seq of SEQUENCES) {
    for (let width = 1; width <= 8; width++) {
      const cut = padCells(`${seq}x${seq}${seq}`, width, '…');
      expect([seq, width, cellWidth(cut)]).toEqual([seq, width, width]);
      expect(stringWidth(cut)).toBe(width);
    }
  }
  expect(wrapLine('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 4)).toEqual(['👨‍👩‍👧👨‍👩‍👧', '👨‍👩‍👧']);
});

test('a long line of emoji sequences wraps into lines that each fit', () => {
  for (const text of ['1️⃣'.repeat(1000), `${'a👍🏽 '.repeat(600)}end`, '👨‍👩‍👧'.repeat(500)]) {
    const lines = wrapLine(text, 50);
    expect(lines.every((line) => cellWidth(line) <= 50)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  }
});
