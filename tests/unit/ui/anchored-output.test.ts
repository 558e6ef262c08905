import { describe, expect, test } from 'vitest';
import { anchorFrame, compressLineSkips, frameFits } from '../../../src/ui/anchored-output.js';

const E = '\u001b';

test("Ink's relative way back up becomes the top-left; below the frame is cleared", () => {
  const update = `${E}[38A${E}[E${E}[1Gline two${E}[K\n${E}[E`;
  expect(anchorFrame(update)).toBe(`${E}[H${E}[E${E}[1Gline two${E}[K\n${E}[E${E}[J`);
});

test('a full frame (first one, or after a clear) erases each line it writes', () => {
  expect(anchorFrame('one\ntwo\n')).toBe(`${E}[Hone${E}[K\ntwo${E}[K\n${E}[J`);
  expect(anchorFrame(`${E}[2J${E}[3J${E}[Hone\ntwo`)).toBe(`${E}[Hone${E}[K\ntwo${E}[K${E}[J`);
  expect(anchorFrame(`${E}[2K${E}[1A${E}[2K${E}[Gone\n`)).toBe(`${E}[Hone${E}[K\n${E}[J`);
});

test('erasing alone is dropped (a full repaint follows); other writes pass unchanged', () => {
  expect(anchorFrame(`${E}[2K${E}[1A${E}[2K${E}[G`)).toBe('');
  for (const chunk of [`${E}[?25l`, `${E}[?2026h`, `${E}[?2026l`, '']) expect(anchorFrame(chunk)).toBe(chunk);
});

test('a frame fits when it has at most rows - 1 lines, each narrower than the terminal', () => {
  expect(frameFits(`${E}[1mabc${E}[22m\nde\n`, 4, 3)).toBe(true);
  expect(frameFits('abcd\nde\n', 4, 3)).toBe(false);
  expect(frameFits('a\nb\nc\n', 10, 3)).toBe(false);
  expect(frameFits(`${E}[?25l`, 1, 1)).toBe(true);
});

describe('anchored-output.compressLineSkips', () => {
  test('turns a run of "next line" moves into one counted move, and leaves single ones', () => {
    const E = '\u001b[E';
    expect(compressLineSkips(`${E}${E}${E}\u001b[Gchanged\u001b[K\n${E}tail`)).toBe('\u001b[3E\u001b[Gchanged\u001b[K\n\u001b[Etail');
  });
});
