// The output layer between Ink and the terminal: only what changed goes out; while the
// terminal has not taken the last update, frames are not queued, and the newest is sent
// once it has; frames for an old size are dropped after a resize; Ctrl+L draws it all.
import { afterEach, expect, test } from 'vitest';
import { frameOutput, type FrameOutput } from '../../../../src/ui/output/frame-output.js';
import { FakeTtyOutput } from '../../../helpers/fake-tty.js';
import { HeadlessTerminal } from '../../../helpers/headless-terminal.js';

const ERASE_PREVIOUS = '\u001b[2K\u001b[1A\u001b[2K\u001b[G';
let output: FrameOutput | null = null;
afterEach(() => output?.dispose());

function setUp(columns = 40, rows = 10) {
  const out = new FakeTtyOutput(columns, rows);
  const term = new HeadlessTerminal(columns, rows, { convertEol: true });
  out.onChunk = (chunk) => void term.write(chunk);
  output = frameOutput(out.asStream());
  // As Ink writes a frame: erase the previous one, then every line and a final newline.
  const draw = (...lines: string[]) => output!.stream.write(`${ERASE_PREVIOUS}${lines.join('\n')}\n`);
  return { out, term, draw, output };
}

test('the first frame is drawn from the top-left with the cursor hidden; the next sends only the change', async () => {
  const { out, term, draw } = setUp();
  draw('syncdeck', 'in 12s');
  await term.settled();
  expect(term.lines().slice(0, 2)).toEqual(['syncdeck', 'in 12s']);
  expect(out.text.startsWith('\u001b[?25l')).toBe(true);
  const before = out.chunks.length;
  draw('syncdeck', 'in 11s');
  expect(out.chunks.slice(before).join('')).toBe('\u001b[2;5H1');
  await term.settled();
  expect(term.lines()[1]).toBe('in 11s');
});

test('Ink’s cursor and synchronized-output writes are not frames', () => {
  const { out, output } = setUp();
  for (const chunk of ['\u001b[?25l', '\u001b[?2026h', '\u001b[?2026l', '\u001b[?25h']) output.stream.write(chunk);
  expect(out.chunks).toEqual([]);
});

test('a terminal that stops reading gets no queue of frames, and the newest state once it reads again', async () => {
  const { out, term, draw } = setUp();
  draw('run 1');
  out.stall();
  draw('run 2');
  const stalledAt = out.chunks.length;
  for (let i = 3; i <= 50; i++) draw(`run ${i}`, 'x'.repeat(i % 30));
  // Nothing more was written while the first update was still on its way.
  expect(out.chunks.length).toBe(stalledAt);
  out.resume();
  await new Promise((resolve) => setImmediate(resolve));
  expect(out.chunks.length).toBe(stalledAt + 1);
  await term.settled();
  expect(term.lines().slice(0, 2)).toEqual(['run 50', 'x'.repeat(20)]);
});

test('the Ink exit barrier (an empty write with a callback) does not wait for the terminal', async () => {
  const { out, output } = setUp();
  out.stall();
  output.stream.write('abc\n');
  await new Promise<void>((resolve) => output.stream.write('', () => resolve()));
});

test('after a resize, frames laid out for the old size are dropped and the first that fits is drawn whole', async () => {
  const { out, term, draw } = setUp(40, 10);
  draw('a'.repeat(39), 'second line');
  await term.settled();
  term.resize(20, 6);
  out.resize(20, 6);
  const from = out.chunks.length;
  draw('a'.repeat(39), 'second line'); // Ink redraws the old tree first
  expect(out.chunks.length).toBe(from);
  draw('b'.repeat(19), 'new', '', '', 'last');
  await term.settled();
  expect(term.lines()).toEqual(['b'.repeat(19), 'new', '', '', 'last', '']);
  // Whole: the bytes after the resize draw the frame on a blank screen too.
  const blank = new HeadlessTerminal(20, 6, { convertEol: true });
  await blank.write(out.chunks.slice(from).join(''));
  expect(blank.lines()).toEqual(term.lines());
});

test('repaint (Ctrl+L) draws every cell again, over whatever else was written', async () => {
  const { term, draw, output } = setUp();
  draw('\u001b[1msyncdeck\u001b[22m · Звонки · 予約', 'second');
  await term.settled();
  await term.write('\u001b[1;1HBroadcast message from root\r\n\u001b[41mjunk');
  output.repaint();
  await term.settled();
  expect(term.lines().slice(0, 3)).toEqual(['syncdeck · Звонки · 予約', 'second', '']);
  expect(term.row(0)[0]!.sgr).toBe('1');
  expect(term.row(1).every((c) => !c.sgr.includes('41'))).toBe(true);
});

test('a frame taller than the screen is cut to rows − 1 lines: the screen never scrolls', async () => {
  const { term, draw } = setUp(20, 5);
  draw('1', '2', '3', '4', '5', '6');
  await term.settled();
  expect(term.lines()).toEqual(['1', '2', '3', '4', '']);
  expect(term.scrolled).toBe(0);
});
