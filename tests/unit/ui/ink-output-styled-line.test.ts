// src/ui/output/ink-output.ts styledLine: the memo keeps hundreds of lines of these, so
// each character must be a small object of one shape (BENCHMARKS.md, "Where it goes").
import { setFlagsFromString } from 'node:v8';
import { runInThisContext } from 'node:vm';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { expect, test } from 'vitest';
import { styledLine } from '../../../src/ui/output/ink-output.js';

setFlagsFromString('--allow-natives-syntax');
const sameShape = runInThisContext('(a, b) => %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const LINE = '\x1b[31mred\x1b[39m plain \x1b[1m\x1b[32mbold green\x1b[39m\x1b[22m 漢字 ✓';

test('styledLine gives the same characters as the tokenizer', () => {
  expect(styledLine(LINE)).toEqual(styledCharsFromTokens(tokenize(LINE)));
});

test('styledLine makes every character of every line with one hidden class', () => {
  const chars = [...styledLine(LINE), ...styledLine('another \x1b[7mline\x1b[27m')];
  expect(chars.every((c) => sameShape(c, chars[0]!))).toBe(true);
});

test('styledLine shares one styles array across a run of characters that look the same', () => {
  const chars = styledLine(LINE);
  const red = chars.slice(0, 3);
  expect(new Set(red.map((c) => c.styles)).size).toBe(1);
  const boldGreen = chars.slice(10, 20);
  expect(boldGreen.map((c) => c.value).join('')).toBe('bold green');
  expect(new Set(boldGreen.map((c) => c.styles)).size).toBe(1);
  expect(chars[3]!.styles).not.toBe(red[0]!.styles);
});
