// Colour on and off (NO_COLOR, --no-color): without colour no colour codes are drawn and
// every meaning stays readable from words and markers.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';

// Chalk (inside Ink) reads FORCE_COLOR when it is imported: without it, a test's stdout
// that is not a terminal would hide every style and this file could not see them.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

import { recentRing } from '../../src/engine/recent-runs.js';
import { makeInstance, sampleEngine } from '../helpers/fake-engine.js';
import { renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

// SGR foreground/background colour codes: 30–37, 39, 40–47, 49, 90–97, 100–107, 38;…, 48;…
const COLOR_CODE = /\u001b\[(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m/;
const strip = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
const rowOf = (frame: string, name: string) =>
  frame.split('\n').find((line) => strip(line).includes(name) && /^[›> ]/.test(strip(line))) ?? '';

test('with colour: a failing task is red, its normal interval struck through', async () => {
  const { frame } = await renderApp(sampleEngine(), { columns: 100, rows: 30, color: true });
  const row = rowOf(frame(), 'Receive calls');
  expect(row).toContain('\u001b[31m');
  expect(row).toContain('\u001b[9m1m\u001b[29m');
  expect(strip(row)).toContain('1m 4m');
  expect(strip(row)).not.toContain('~1m~');
});

test('without colour: no colour codes at all, the struck interval also marked "~1m~ 4m", words and markers carry the meaning', async () => {
  const { frame } = await renderApp(sampleEngine(), { columns: 100, rows: 30, color: false });
  expect(frame()).not.toMatch(COLOR_CODE);
  const row = rowOf(frame(), 'Receive calls');
  expect(strip(row)).toContain('~1m~ 4m');
  expect(row).toContain('\u001b[9m~1m~\u001b[29m');
  expect(strip(row)).toMatch(/^›!Waiting/);
  expect(strip(row)).toContain('14:02 (Error)');
  // The cursor row is inverse video (not a colour) as well as marked: its marker, status and
  // name, which a move rewrites; the times keep their look (docs/ARCHITECTURE.md, Terminal output over SSH).
  const inverse = /\u001b\[7m(.*?)\u001b\[27m/.exec(row)?.[1] ?? '';
  expect(strip(inverse)).toMatch(/^›!Waiting +Receive calls/);
  expect(strip(inverse)).not.toContain('14:02');
  expect(strip(frame())).toContain('1 failing');
});

test("with colour: each cell of the strip of recent outcomes has its outcome's colour", async () => {
  const engine = sampleEngine({ instances: [makeInstance()] });
  const outcomes = ['success', 'success', 'success', 'error', 'warning', 'cancelled'] as const;
  engine.tasks = engine.tasks.map((t) =>
    t.id === 'calls'
      ? { ...t, recentRing: recentRing(outcomes.map((outcome, i) => ({ runId: i + 1, outcome, durationMs: 100 }))) }
      : t,
  );
  const { frame, waitFor } = await renderApp(engine, { columns: 200, rows: 30, color: true });
  await waitFor((f) => strip(f).includes('✓✓✓✗!–'));
  const row = rowOf(frame(), 'Receive calls');
  // Each outcome's colour starts right before its cells (Ink then goes back to the row's own colour).
  expect(row).toMatch(/\u001b\[32m✓✓✓(\u001b\[\d+m)*\u001b\[31m✗/);
  expect(row).toContain('\u001b[33m!');
  expect(row).toContain('\u001b[90m–');
});
