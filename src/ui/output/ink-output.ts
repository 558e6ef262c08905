// Ink's "virtual output" (ink/build/output.js), with memory across frames. Ink builds a new
// Output for every frame and turns every write into styled characters and every row back
// into a string, so a frame costs the whole screen however little changed: about nine
// tenths of an idle dashboard's render time (docs/ARCHITECTURE.md, The dashboard: state,
// keys and rendering). This one produces the same text, but a row whose writes are the
// ones it had before (same columns, same text) is not built again, and the styled
// characters and widths of a line are kept between frames. The bundle puts it in place of
// Ink's (scripts/build.mjs); tests/unit/ui/ink-output.test.ts holds it to Ink's result.
import { styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

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

/**
 * A map that forgets everything once it holds `limit` entries: a frame reuses a few hundred
 * lines. Larger limits cost RSS when every frame is new (paging a 1M history: 158 MB at
 * 1 000-2 000 entries, 143 MB at these, 125 MB with Ink's Output) and saved no CPU on the demo.
 */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string, make: (key: string) => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      value = make(key);
      this.map.set(key, value);
    }
    return value;
  }
}

const styled = new Memo<StyledChar[]>(400);
const widths = new Memo<number>(1_000);
const widest = new Memo<number>(500);
const rows = new Memo<string>(200);
const slices = new Memo<string>(500);

const widthOf = (text: string) => widths.get(text, stringWidth);
const widestLine = (text: string) =>
  widest.get(text, (t) => t.split('\n').reduce((w, line) => Math.max(w, widthOf(line)), 0));

/**
 * A line's styled characters, each made by this one object literal, and a run of characters
 * with the same look sharing one styles array. The tokenizer's own objects (an object
 * spread) each get a hidden class of their own: about 250 bytes more per character, 9 MB
 * of a dashboard's heap after paging the 1M history (BENCHMARKS.md, "Where it goes").
 */
export function styledLine(line: string): StyledChar[] {
  let previous: StyledChar['styles'] = [];
  return styledCharsFromTokens(tokenize(line)).map(({ value, fullWidth, styles }) => {
    if (!sameStyles(previous, styles)) previous = styles;
    return { type: 'char', value, fullWidth, styles: previous };
  });
}

function sameStyles(a: StyledChar['styles'], b: StyledChar['styles']): boolean {
  return a.length === b.length && a.every((code, i) => code.code === b[i]!.code && code.endCode === b[i]!.endCode);
}

const BLANK: StyledChar = { type: 'char', value: ' ', fullWidth: false, styles: [] };
// Separates a row's writes in its memo key; Ink's text never holds these.
const FIELD = '\u0000';
const WRITE = '\u0001';

/** One row's text from its writes, in order ([column, line] pairs), as Ink's Output builds it. */
function buildRow(width: number, writes: readonly (readonly [number, string])[]): string {
  const row: (StyledChar | undefined)[] = new Array<StyledChar>(width).fill(BLANK);
  for (const [x, line] of writes) {
    let offsetX = x;
    for (const character of styled.get(line, styledLine)) {
      row[offsetX] = character;
      const characterWidth = Math.max(1, widthOf(character.value));
      // A wide character: the cells it covers hold nothing of their own.
      for (let i = 1; i < characterWidth; i++)
        row[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      offsetX += characterWidth;
    }
  }
  return styledCharsToString(row.filter((c): c is StyledChar => c !== undefined)).trimEnd();
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
    const writes: [number, string][][] = Array.from({ length: this.height }, () => []);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      else if (operation.type === 'unclip') clips.pop();
      else this.place(operation, clips.at(-1), writes);
    }
    const output = writes
      .map((ops) => {
        const key = `${this.width}${WRITE}${ops.map(([x, line]) => `${x}${FIELD}${line}`).join(WRITE)}`;
        return rows.get(key, () => buildRow(this.width, ops));
      })
      .join('\n');
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
    for (const [index, text] of lines.entries()) {
      const row = writes[y + offsetY];
      if (!row) continue;
      row.push([x, transformers.reduce((line, transformer) => transformer(line, index), text)]);
      offsetY++;
    }
  }
}
