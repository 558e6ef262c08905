// printJsonList (src/cli/output/json-list.ts): item by item, in chunks, the very bytes
// printJson writes for the whole array (the JSON shapes are a contract, docs/cli.md).
import { afterEach, expect, test, vi } from 'vitest';
import { jsonText, taskStatusJson } from '../../../src/cli/output/json.js';
import { printJsonList } from '../../../src/cli/output/json-list.js';
import { makeTask } from '../../helpers/fake-engine.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

function listed<T>(items: T[], toJson: (item: T) => unknown): string[] {
  const chunks: string[] = [];
  // Chunks end between items, so each is whole UTF-8.
  printJsonList(items, toJson, (chunk) =>
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
  );
  return chunks;
}

const whole = (value: unknown, ascii: boolean) => `${jsonText(value, 2, ascii)}\n`;

test('the text of an empty, a one-item and a mixed list is what the whole array gives', () => {
  vi.stubEnv('LC_ALL', 'en_US.UTF-8');
  const lists: unknown[][] = [
    [],
    [{ id: 'a' }],
    [{ id: 'a', nested: { list: [1, [2, {}]], empty: [], none: null } }, 'text', 7, null, [], {}],
  ];
  for (const list of lists) expect(listed(list, (x) => x).join('')).toBe(whole(list, false));
});

test('500 tasks: several chunks, each bounded, together the whole array text, under UTF-8 and ASCII locales', () => {
  const tasks = Array.from({ length: 500 }, (_, i) =>
    makeTask({
      id: `task-${i}`,
      name: i % 7 === 0 ? `Calls #${i} · Mango «Лиды» \u009b2J \u007f` : `Task ${i}`,
      recentRing: JSON.stringify([
        [i * 3, 'success', 120],
        [i * 3 + 1, 'error', null],
      ]),
    }),
  );
  for (const [lang, ascii] of [
    ['en_US.UTF-8', false],
    ['C', true],
  ] as const) {
    vi.stubEnv('LC_ALL', lang);
    const chunks = listed(tasks, taskStatusJson);
    expect(chunks.join('')).toBe(whole(tasks.map(taskStatusJson), ascii));
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c.length).toBeLessThan(80 * 1024);
    // Escaped in every chunk, not only in the first.
    expect(chunks.join('')).not.toMatch(/[\u007f-\u009f]/);
  }
});
