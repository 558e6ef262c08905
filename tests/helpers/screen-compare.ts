// Compares what a headless terminal shows with the cells a frame should put there, cell by
// cell: character, width and look (a space's look is only what shows on a space).
import type { Row } from '../../src/ui/output/grid.js';
import { applySgr, PLAIN, spaceLook, type Style } from '../../src/ui/output/style.js';
import type { CellView, HeadlessTerminal } from './headless-terminal.js';

function lookOf(chars: string, sgr: string): Style {
  const style = applySgr(PLAIN, sgr);
  return chars === ' ' ? spaceLook(style) : style;
}

const describeStyle = (s: Style) => `${s.flags}|${s.fg}|${s.bg}`;

/** The cells where the terminal differs from `expected` (at most `limit` of them, as readable lines). */
export function cellDifferences(term: HeadlessTerminal, expected: readonly Row[], limit = 10): string[] {
  const found: string[] = [];
  for (let y = 0; y < expected.length && found.length < limit; y++) {
    const shown: CellView[] = term.row(y);
    const want = expected[y]!;
    for (let x = 0; x < want.length && found.length < limit; x++) {
      const cell = shown[x]!;
      // A cell never written reads as ''; it shows as a plain blank.
      const chars = cell.width === 0 ? '' : cell.chars || ' ';
      const look = lookOf(chars, cell.sgr);
      const w = want[x]!;
      if (chars !== w.ch || cell.width !== w.width || look !== w.style) {
        found.push(
          `row ${y} col ${x}: shows ${JSON.stringify(chars)}/${cell.width}/${describeStyle(look)}, expected ${JSON.stringify(w.ch)}/${w.width}/${describeStyle(w.style)}`,
        );
      }
    }
  }
  return found;
}

function lookOfView(cell: CellView): { chars: string; width: number; look: Style } {
  const chars = cell.width === 0 ? '' : cell.chars || ' ';
  return { chars, width: cell.width, look: lookOf(chars, cell.sgr) };
}

/** The cells where two terminals differ (at most `limit`), e.g. one fed a session's updates and one fed the last frame whole. */
export function terminalDifferences(actual: HeadlessTerminal, expected: HeadlessTerminal, limit = 10): string[] {
  const found: string[] = [];
  for (let y = 0; y < expected.rows && found.length < limit; y++) {
    const shown = actual.row(y).map(lookOfView);
    const want = expected.row(y).map(lookOfView);
    for (let x = 0; x < want.length && found.length < limit; x++) {
      const a = shown[x]!;
      const w = want[x]!;
      if (a.chars !== w.chars || a.width !== w.width || a.look !== w.look) {
        found.push(
          `row ${y} col ${x}: shows ${JSON.stringify(a.chars)}/${describeStyle(a.look)}, expected ${JSON.stringify(w.chars)}/${describeStyle(w.look)}`,
        );
      }
    }
  }
  return found;
}
