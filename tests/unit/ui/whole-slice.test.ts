// src/ui/output/whole-slice.ts: where it answers, its answer is slice-ansi's (Ink's Output
// cuts every line under a clip with it, and ours must give Ink's text).
import sliceAnsi from 'slice-ansi';
import { describe, expect, it } from 'vitest';
// The demo's seeded generator (mulberry32): the same cases on every run.
import { random } from '../../../src/demo/data.js';
import { widthOf } from '../../../src/ui/output/styled-cells.js';
import { keepsWholeAtFullWidth } from '../../../src/ui/output/whole-slice.js';
import { STANDALONE_RANGES } from '../../../src/ui/text/graphemes.js';

const sliceKeeps = (shape: string) => sliceAnsi(shape, 0, widthOf(shape)) === shape;
const sgr = (...codes: number[]) => codes.map((c) => `\u001b[${c}m`).join('');

/** Where it answers, slice-ansi's answer; returns how many it answered. */
function holdToSliceAnsi(shapes: Iterable<string>): number {
  const differ: string[] = [];
  let answered = 0;
  for (const shape of shapes) {
    const answer = keepsWholeAtFullWidth(shape);
    if (answer === undefined) continue;
    answered++;
    if (answer !== sliceKeeps(shape)) differ.push(JSON.stringify(shape));
  }
  expect(differ).toEqual([]);
  return answered;
}

describe('whole-slice: keepsWholeAtFullWidth', () => {
  it('answers as slice-ansi for every standalone character, plain and styled, and leaves it the ones it cannot measure', () => {
    const chars = STANDALONE_RANGES.flatMap(([from, to]) =>
      Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)),
    ).filter((c) => c !== '\u001b');
    const answered = holdToSliceAnsi(
      chars.flatMap((c) => [`x${c}x`, `${sgr(1)}${c}${sgr(22)}`, `${sgr(31, 7)}x${c}${sgr(27)}${sgr(39)}`]),
    );
    expect(answered).toBeGreaterThan(chars.length * 2);
    for (const wide of ['中', '🚀', '⌚', 'e\u0301']) expect(keepsWholeAtFullWidth(`x${wide}`)).toBeUndefined();
  });

  it("answers as slice-ansi for 30 000 random shapes of colour codes, text and the dashboard's signs", () => {
    const pieces = [
      'x',
      'x',
      '·',
      '│',
      '▶',
      '✔',
      '—',
      '…',
      'Ж',
      '中',
      ...[0, 1, 2, 3, 4, 7, 8, 9, 53, 22, 23, 24, 27, 28, 29, 55, 31, 37, 90, 97, 39, 42, 101, 49].map((c) => sgr(c)),
      '\u001b[01m',
      '\u001b[m',
      '\u001b[1;31m',
      '\u001b[38;5;2m',
    ];
    const next = random(14);
    const shapes = Array.from({ length: 30_000 }, () =>
      Array.from({ length: Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]!).join(''),
    );
    expect(holdToSliceAnsi(shapes)).toBeGreaterThan(10_000);
  });

  it("keeps the dashboard's shapes whole without asking slice-ansi", () => {
    const shapes = [
      'x·x…',
      `${sgr(7, 1)}x${sgr(22, 27)}x${sgr(90)}x${sgr(39)}`,
      `${sgr(1)}x·x${sgr(22, 32)}x${sgr(39)}x·x·x`,
      '▶x·x·x',
      `x${sgr(90)}x${sgr(39)}x${sgr(90)}—x${sgr(39)}${sgr(90)}x${sgr(39)}`,
      '│',
      `${sgr(7, 1)}↑↓${sgr(22, 27)}x${sgr(90)}x${sgr(39)}`,
    ];
    for (const shape of shapes) expect(keepsWholeAtFullWidth(shape), JSON.stringify(shape)).toBe(true);
    // …and what slice-ansi would change: a style left open, a code it drops at the end, two styles it merges.
    for (const shape of [`${sgr(1)}x`, `x${sgr(22)}`, `x${sgr(31)}`, `${sgr(1, 2)}x${sgr(22)}`])
      expect(keepsWholeAtFullWidth(shape), JSON.stringify(shape)).toBe(false);
  });
});
