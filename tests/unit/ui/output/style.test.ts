// SGR sequences read into a cell's look, and the shortest sequence between two looks.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  applySgr,
  BOLD,
  DIM,
  INVERSE,
  PLAIN,
  sgrTransition,
  spaceLook,
  styleOf,
  UNDERLINE,
} from '../../../../src/ui/output/style.js';

const style = fc
  .record({
    flags: fc.integer({ min: 0, max: 255 }),
    fg: fc.constantFrom('', '31', '97', '38;5;208', '38;2;10;20;30'),
    bg: fc.constantFrom('', '44', '100', '48;5;17', '48;2;1;2;3'),
  })
  .map((s) => styleOf(s.flags, s.fg, s.bg));

test('reads what chalk writes', () => {
  expect(applySgr(PLAIN, '1')).toBe(styleOf(BOLD, '', ''));
  expect(applySgr(applySgr(PLAIN, '1;2;7'), '22')).toBe(styleOf(INVERSE, '', ''));
  expect(applySgr(PLAIN, '38;5;208;48;2;1;2;3')).toBe(styleOf(0, '38;5;208', '48;2;1;2;3'));
  expect(applySgr(PLAIN, '38:2::1:2:3')).toBe(styleOf(0, '38;2;1;2;3', ''));
  expect(applySgr(applySgr(PLAIN, '31;4'), '39')).toBe(styleOf(UNDERLINE, '', ''));
  expect(applySgr(applySgr(PLAIN, '1;31;44'), '')).toBe(PLAIN);
});

test('the transition between any two looks leads from one to the other', () => {
  fc.assert(
    fc.property(style, style, (from, to) => {
      const sequence = sgrTransition(from, to);
      if (from === to) {
        expect(sequence).toBe('');
        return;
      }

      const params = /^\u001b\[([0-9;]*)m$/.exec(sequence)?.[1];
      expect(params).toBeDefined();
      expect(applySgr(from, params!)).toBe(to);
    }),
    { numRuns: 2000 },
  );
});

test('turning off bold keeps dim', () => {
  expect(sgrTransition(styleOf(BOLD | DIM, '31', ''), styleOf(DIM, '31', ''))).toBe('\u001b[22;2m');
});

test('a space shows only its background, inverse, underline and strike-through', () => {
  expect(spaceLook(styleOf(BOLD, '31', ''))).toBe(PLAIN);
  expect(spaceLook(styleOf(BOLD | INVERSE, '31', ''))).toBe(styleOf(INVERSE, '31', ''));
  expect(spaceLook(styleOf(0, '31', '44'))).toBe(styleOf(0, '', '44'));
});
