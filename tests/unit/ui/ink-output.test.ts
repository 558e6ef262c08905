// The bundle's Output (src/ui/output/ink-output.ts) stands in for Ink's: for the same writes
// and clips it must give the same text, frame after frame, whatever it remembers between them
// (src/ui/output/frame-memo.ts) and however it cuts a line (src/ui/output/styled-cells.ts);
// its text measures (src/ui/output/ink-measure.ts) give the numbers of Ink's.
import { expect, test } from 'vitest';
// The demo's seeded generator (mulberry32): the same cases on every run.
import { random } from '../../../src/demo/data.js';
import InkOutput from '../../../node_modules/ink/build/output.js';
import inkMeasureText from '../../../node_modules/ink/build/measure-text.js';
import inkWidestLine from '../../../node_modules/widest-line/index.js';
import measureText, { widestLine } from '../../../src/ui/output/ink-measure.js';
import Output, { type OutputTransformer } from '../../../src/ui/output/ink-output.js';

type Op =
  | { kind: 'write'; x: number; y: number; text: string; transformers: OutputTransformer[] }
  | { kind: 'clip'; x1?: number; x2?: number; y1?: number; y2?: number }
  | { kind: 'unclip' };

interface Target {
  write(x: number, y: number, text: string, options: { transformers: OutputTransformer[] }): void;
  clip(clip: { x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined }): void;
  unclip(): void;
  get(): { output: string; height: number };
}

function play(target: Target, ops: readonly Op[]) {
  for (const op of ops) {
    if (op.kind === 'write') target.write(op.x, op.y, op.text, { transformers: op.transformers });
    else if (op.kind === 'clip') target.clip({ x1: op.x1, x2: op.x2, y1: op.y1, y2: op.y2 });
    else target.unclip();
  }
  return target.get();
}

const both = (width: number, height: number, ops: readonly Op[]) => ({
  ours: play(new Output({ width, height }), ops),
  ink: play(new InkOutput({ width, height }), ops),
});

const PIECES = ['Receive calls', ' ', 'in 4m', '✓', '✗', '漢字', '👍🏽', '…', '│', '─'.repeat(12), 'Отправка SMS'];
const STYLES = ['\u001b[31m', '\u001b[1m', '\u001b[7m', '\u001b[38;5;208m', '\u001b[2m'];

function text(next: () => number): string {
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 3);
  for (let l = 0; l < count; l++) {
    let line = '';
    for (let i = 0; i < 1 + Math.floor(next() * 5); i++) {
      const piece = PIECES[Math.floor(next() * PIECES.length)]!;
      const style = next() < 0.4 ? STYLES[Math.floor(next() * STYLES.length)]! : '';
      line += style ? `${style}${piece}\u001b[39m\u001b[22m\u001b[27m` : piece;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

function frame(next: () => number, width: number, height: number): Op[] {
  const ops: Op[] = [];
  let open = 0;
  for (let i = 0; i < 30; i++) {
    const roll = next();
    if (roll < 0.15) {
      ops.push({
        kind: 'clip',
        x1: next() < 0.8 ? Math.floor(next() * width) : undefined,
        x2: Math.floor(next() * width * 1.2),
        y1: next() < 0.6 ? Math.floor(next() * height) : undefined,
        y2: Math.floor(next() * height * 1.2),
      });
      open++;
    } else if (roll < 0.22 && open > 0) {
      ops.push({ kind: 'unclip' });
      open--;
    } else {
      const upper: OutputTransformer = (line) => line.toUpperCase();
      ops.push({
        kind: 'write',
        x: Math.floor(next() * width) - 2,
        y: Math.floor(next() * (height + 2)) - 1,
        text: text(next),
        transformers: next() < 0.1 ? [upper] : [],
      });
    }
  }
  return ops;
}

test('gives the text of Ink’s Output for writes, clips, wide characters and transformers', () => {
  const next = random(14);
  for (let c = 0; c < 150; c++) {
    const width = 10 + Math.floor(next() * 50);
    const height = 1 + Math.floor(next() * 12);
    const { ours, ink } = both(width, height, frame(next, width, height));
    expect(ours, `case ${c}`).toEqual(ink);
  }
});

test('a frame after a frame: unchanged rows come from memory, changed ones are built again', () => {
  const rows = (marker: string): Op[] =>
    Array.from({ length: 40 }, (_, y) => ({
      kind: 'write' as const,
      x: 2,
      y,
      text: y === 7 ? `\u001b[7m› Fleet task ${marker}\u001b[27m` : `  Fleet task ${y} · in 59m`,
      transformers: [],
    }));
  for (const marker of ['in 59m', 'in 58m', 'in 59m', 'in 58m']) {
    const { ours, ink } = both(120, 40, rows(marker));
    expect(ours).toEqual(ink);
    expect(ours.output.split('\n')[7]).toContain(marker);
  }
  // The same rows at another width are not taken for the remembered ones.
  const { ours, ink } = both(20, 40, rows('in 58m'));
  expect(ours).toEqual(ink);
});

test('styled lines (text between colour codes, characters that join the one before) give Ink’s text, sliced or not', () => {
  const next = random(7);
  const closing: Record<string, string> = {
    '\u001b[31m': '\u001b[39m',
    '\u001b[1m': '\u001b[22m',
    '\u001b[7m': '\u001b[27m',
    '\u001b[38;5;208m': '\u001b[39m',
    '\u001b[2m': '\u001b[22m',
  };
  const pieces = [...PIECES, 'e\u0301', '\u0301x', '\u200d👍', '🇩', '🇩🇪', '\t', '▶ 20%', '█░░'];
  const line = () => {
    let text = '';
    for (let i = 0; i < 1 + Math.floor(next() * 6); i++) {
      const piece = pieces[Math.floor(next() * pieces.length)]!;
      const style = STYLES[Math.floor(next() * STYLES.length)]!;
      text += next() < 0.5 ? `${style}${piece}${closing[style]}` : piece;
    }
    return text;
  };
  const upper: OutputTransformer = (l) => l.toUpperCase();
  const red: OutputTransformer = (l) => `\u001b[31m${l}\u001b[39m`;
  for (let c = 0; c < 300; c++) {
    const ops: Op[] = [{ kind: 'clip', x1: 0, x2: 100, y1: 0, y2: 10 }];
    for (let y = 0; y < 8; y++) {
      const transformers = [[], [red], [upper]][Math.floor(next() * 3)]!;
      ops.push({ kind: 'write', x: Math.floor(next() * 3), y, text: line(), transformers });
    }
    ops.push({ kind: 'unclip' });
    const { ours, ink } = both(100, 10, ops);
    expect(ours, `case ${c}`).toEqual(ink);
  }
});

test('letters that join the one before without being marks (Thai and Lao AM), and the one-byte CSI, give Ink’s text', () => {
  for (const text of ['ก\u001b[31mำabc\u001b[39m', 'ກ\u001b[1mຳx\u001b[22m', 'a\u009b[31mred\u001b[0m b']) {
    for (const clip of [null, { kind: 'clip', x1: 0, x2: 40, y1: 0, y2: 2 } as const]) {
      const ops: Op[] = clip ? [clip, { kind: 'write', x: 0, y: 0, text, transformers: [] }, { kind: 'unclip' }] : [];
      if (!clip) ops.push({ kind: 'write', x: 0, y: 0, text, transformers: [] });
      const { ours, ink } = both(40, 2, ops);
      expect(ours, JSON.stringify(text)).toEqual(ink);
    }
  }
});

test('Ink’s text measures: the same widths and heights, frame after frame', () => {
  const next = random(21);
  for (let c = 0; c < 300; c++) {
    const sample = next() < 0.1 ? '' : text(next);
    if (c % 20 === 0) new Output({ width: 1, height: 1 }).get(); // a new frame
    expect(measureText(sample), `case ${c}`).toEqual(inkMeasureText(sample));
    expect(widestLine(sample), `case ${c}`).toBe(inkWidestLine(sample));
  }
});
