// Ink's "virtual output" (ink/build/output.js), with memory across frames. Ink builds a new
// Output for every frame and turns every write into styled characters and every row back
// into a string, so a frame costs the whole screen however little changed: about nine
// tenths of an idle dashboard's render time (docs/ARCHITECTURE.md, The dashboard: state,
// keys and rendering). This one produces the same text, but a row whose writes are the
// ones it had before (same columns, same text) is not built again, and the styled
// characters and widths of a line are kept between frames. The bundle puts it in place of
// Ink's (scripts/build.mjs); tests/unit/ui/ink-output.test.ts holds it to Ink's result.
import { ansiCodesToString, diffAnsiCodes, type StyledChar } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import { FrameMemo, nextFrame, SmallMemo } from './frame-memo.js';
import { widestLine } from './ink-measure.js';
import { cellsOf, ESCAPES, NO_STYLES, sameStyles, widthOf } from './styled-cells.js';
import { keepsWholeAtFullWidth } from './whole-slice.js';
import { SGR } from './text-width.js';

export { styledLine } from './styled-cells.js';

/** A function Ink applies to each line of a node's text (`<Transform>`). */
export type OutputTransformer = (line: string, index: number) => string;

interface Clip {
  x1: number | undefined;
  x2: number | undefined;
  y1: number | undefined;
  y2: number | undefined;
}

type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: OutputTransformer[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

const rows = new FrameMemo<string>();
const slices = new FrameMemo<string>();

const BLANK: StyledChar = { type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES };
// Separates a row's writes in its memo key; Ink's text never holds these.
const FIELD = '\u0000';
const WRITE = '\u0001';

/**
 * ansi-tokenize's styledCharsToString, without working out the change between two
 * characters of the same style (three Sets per character; most of a row's cost): the text
 * is the same, since that change is empty.
 */
function charsToString(chars: readonly (StyledChar | undefined)[]): string {
  // One join of the pieces rather than a string per `+=` (a row is a hundred characters or
  // more); the array is kept between rows and written by index, so it is not grown again.
  const text = scratch;
  let n = 0;
  let last: StyledChar | undefined;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (char === undefined) continue;
    const from = last?.styles ?? NO_STYLES;
    if (!sameStyles(from, char.styles)) text[n++] = codesBetween(from, char.styles);
    text[n++] = char.value;
    last = char;
  }
  if (last && last.styles.length > 0) text[n++] = codesBetween(last.styles, NO_STYLES);
  text.length = n;
  return text.join('');
}
const scratch: string[] = [];

type Styles = StyledChar['styles'];
/**
 * The codes from one look to another, by the two styles arrays (styled-cells.ts makes one
 * array per look met, never changed): working it out takes three Sets and a few arrays.
 */
const between = new WeakMap<Styles, WeakMap<Styles, string>>();

function codesBetween(from: Styles, to: Styles): string {
  let known = between.get(from);
  if (!known) between.set(from, (known = new WeakMap()));
  let codes = known.get(to);
  if (codes === undefined) {
    codes = ansiCodesToString(diffAnsiCodes(from, to));
    known.set(to, codes);
  }
  return codes;
}

// eslint-disable-next-line no-control-regex
const SGR_OR_ASCII = /(\u001b\[[0-9;]*m)|[\u0020-\u007e]+/g;
/** Whether slicing a line's full width gives the line back, by its codes and non-ASCII characters (few shapes). */
const wholeSlices = new SmallMemo<boolean>(1_000);

/**
 * Whether Ink's slice of a line the clip leaves whole would give the line itself (it does
 * for every line the dashboard draws, but costs as much as the rest of the row's work): the
 * slice treats a run of printable ASCII as it treats one such character, so the answer for
 * the line's shape (its colour codes and other characters, each ASCII run as one 'x') is
 * the answer for the line. Other escapes than colour codes: no shortcut. The shapes a
 * dashboard draws are answered without slice-ansi (whole-slice.ts).
 */
const sliceKeepsWhole = (line: string): boolean => wholeLines.get(line, shapeKeepsWhole);
/** The answer by line too: most of a frame's lines are the last frame's, and their shape is a string to build. */
const wholeLines = new FrameMemo<boolean>();

function shapeKeepsWhole(line: string): boolean {
  const shape = line.replace(SGR_OR_ASCII, (_run, sgr: string | undefined) => sgr ?? 'x');
  if (ESCAPES.test(shape.replace(SGR, ''))) return false;
  return wholeSlices.get(shape, () => keepsWholeAtFullWidth(shape) ?? sliceAnsi(shape, 0, widthOf(shape)) === shape);
}

/** One row's text from its writes, in order ([column, line] pairs), as Ink's Output builds it. */
function buildRow(width: number, writes: readonly (readonly [number, string])[]): string {
  const row: (StyledChar | undefined)[] = new Array<StyledChar>(width).fill(BLANK);
  for (let w = 0; w < writes.length; w++) {
    const write = writes[w]!;
    let offsetX = write[0];
    const lineCells = cellsOf(write[1]);
    for (let c = 0; c < lineCells.length; c++) {
      const { char, width: cells } = lineCells[c]!;
      row[offsetX] = char;
      // A wide character: the cells it covers hold nothing of their own.
      for (let i = 1; i < cells; i++)
        row[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: char.styles };
      offsetX += cells;
    }
  }
  return charsToString(row).trimEnd();
}

export default class Output {
  width: number;
  height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: OutputTransformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    nextFrame();
    const writes: [number, string][][] = Array.from({ length: this.height }, () => []);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      else if (operation.type === 'unclip') clips.pop();
      else this.place(operation, clips.at(-1), writes);
    }
    let output = '';
    for (let r = 0; r < writes.length; r++) {
      const ops = writes[r]!;
      let key = `${this.width}`;
      for (let w = 0; w < ops.length; w++) key += `${WRITE}${ops[w]![0]}${FIELD}${ops[w]![1]}`;
      output += (r > 0 ? '\n' : '') + rows.get(key, () => buildRow(this.width, ops));
    }
    return { output, height: writes.length };
  }

  /** Clips a write as Ink does and adds its lines to the rows they land on. */
  private place(
    operation: Extract<Operation, { type: 'write' }>,
    clip: Clip | undefined,
    writes: [number, string][][],
  ) {
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\n');
    if (clip) {
      const horizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const vertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (horizontally) {
        const width = widestLine(text);
        if (x + width < clip.x1! || x > clip.x2!) return;
      }
      if (vertically && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (horizontally) {
        const x1 = clip.x1!;
        const x2 = clip.x2!;
        lines = lines.map((line) => {
          const from = x < x1 ? x1 - x : 0;
          const width = widthOf(line);
          const to = x + width > x2 ? x2 - x : width;
          if (from === 0 && to === width && sliceKeepsWhole(line)) return line;
          return slices.get(`${from}${FIELD}${to}${FIELD}${line}`, () => sliceAnsi(line, from, to));
        });
        if (x < x1) x = x1;
      }
      if (vertically) {
        const from = y < clip.y1! ? clip.y1! - y : 0;
        const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
        lines = lines.slice(from, to);
        if (y < clip.y1!) y = clip.y1!;
      }
    }
    // As Ink: a line that falls outside the rows is skipped, and so is every line after it.
    let offsetY = 0;
    for (let index = 0; index < lines.length; index++) {
      const row = writes[y + offsetY];
      if (!row) continue;
      let line = lines[index]!;
      for (let t = 0; t < transformers.length; t++) line = transformers[t]!(line, index);
      row.push([x, line]);
      offsetY++;
    }
  }
}
