// printJson (src/cli/output/json.ts): the bytes it writes are jsonText's, whether the value
// holds a control to escape (DEL, C1) or not, and hasC1Control finds exactly those in UTF-8.
import { afterEach, expect, test, vi } from 'vitest';
import { hasC1Control, jsonText, printJson, taskStatusJson } from '../../../src/cli/output/json.js';
import { makeTask } from '../../helpers/fake-engine.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

function printed(value: unknown): string {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  printJson(value);
  return chunks.join('');
}

test('hasC1Control: DEL and U+0080-U+009F, not the other characters written with 0xC2 or any other', () => {
  const has = (s: string) => hasC1Control(Buffer.from(s));
  expect(has('plain text')).toBe(false);
  expect(has('Calls #1 · Mango «Лиды» — ok ¿ \u00a0 \u00ff')).toBe(false);
  expect(has('a\u007fb')).toBe(true);
  expect(has('· then \u0080')).toBe(true);
  expect(has('\u009b2J')).toBe(true);
});

test('printJson writes what jsonText gives, with and without a control to escape, under UTF-8 and ASCII locales', () => {
  const values = [
    [{ id: 'a', name: 'Calls #1 · Mango Office' }],
    { message: 'CSI \u009b2J and DEL \u007f', name: 'Лиды' },
  ];
  for (const [lang, ascii] of [
    ['en_US.UTF-8', false],
    ['C', true],
  ] as const) {
    vi.stubEnv('LC_ALL', lang);
    for (const value of values) expect(printed(value)).toBe(`${jsonText(value, 2, ascii)}\n`);
  }
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
  expect(printed(values[1])).toContain('\\u009b2J');
});

test("taskStatusJson: a task's recent runs are exactly { runId, outcome, durationMs }, oldest first", () => {
  const recentRing = JSON.stringify([
    [7, 'success', 120],
    [9, 'error', null],
  ]);
  const json = taskStatusJson(makeTask({ recentRing }));
  expect(JSON.stringify(json.recent)).toBe(
    '[{"runId":7,"outcome":"success","durationMs":120},{"runId":9,"outcome":"error","durationMs":null}]',
  );
});
