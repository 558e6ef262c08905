// holdsOnlySgr lets the bundle skip Ink's sanitizeAnsi for texts it would keep as they are
// (scripts/build.mjs): whenever it says so, Ink's own sanitizeAnsi gives the text back unchanged.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import sanitizeAnsi from '../../../../node_modules/ink/build/sanitize-ansi.js';
import { holdsOnlySgr } from '../../../../src/ui/output/sgr-only.js';

const E = '\u001b';

const piece = fc.constantFrom(
  'task',
  ' ',
  'ёлка',
  '中',
  '😀',
  '·',
  `${E}[31m`,
  `${E}[0m`,
  `${E}[1;2m`,
  `${E}[38;5;208m`,
  `${E}[38:2::1:2:3m`,
  `${E}[m`,
  `${E}[39;49m`,
  `${E}[2J`,
  `${E}[H`,
  `${E}[?25l`,
  `${E}[1 q`,
  `${E}]8;;https://x${E}\\`,
  `${E}]0;t\u0007`,
  `${E}`,
  `${E}[`,
  '\u009b31m',
  '\u0085',
  `${E}P1$r${E}\\`,
  `${E}c`,
  `${E}[>4;2m`,
  `${E}[31`,
  '\u0007',
  '\r',
);
const text = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));

describe('holdsOnlySgr', () => {
  test('when it says so, Ink keeps the text as it is', () => {
    fc.assert(
      fc.property(text, (t) => {
        if (holdsOnlySgr(t)) expect(sanitizeAnsi(t)).toBe(t);
      }),
      { numRuns: 5000 },
    );
  });

  test('the same answer as removing every colour code and looking for a control in what is left', () => {
    const removedThenLooked = (t: string) => !/[\u001b\u0080-\u009f]/.test(t.replace(/\u001b\[[\d:;]*m/g, ''));
    fc.assert(
      fc.property(text, (t) => {
        expect(holdsOnlySgr(t)).toBe(removedThenLooked(t));
      }),
      { numRuns: 5000 },
    );
  });

  test('colour codes only: yes; any other escape or C1 control: no', () => {
    expect(holdsOnlySgr(`${E}[1mq${E}[22m quit ${E}[38;5;208m●${E}[39m`)).toBe(true);
    expect(holdsOnlySgr('plain')).toBe(true);
    expect(holdsOnlySgr(`a${E}[2Jb`)).toBe(false);
    expect(holdsOnlySgr(`${E}[31ma${E}`)).toBe(false);
    expect(holdsOnlySgr(`${E}]8;;u${E}\\x${E}]8;;${E}\\`)).toBe(false);
    expect(holdsOnlySgr('\u009b31m')).toBe(false);
    expect(holdsOnlySgr(`${E}[>4;2m`)).toBe(false);
  });
});
