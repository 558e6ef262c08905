// src/cli/small-heap.ts holdYoungGeneration, in a fresh process (a test runner's heap has
// grown already): the young generation keeps its size under garbage that
// survives, also after another thread started an isolate of its own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const SCRIPT = `
import { getHeapSpaceStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { holdYoungGeneration } from ${JSON.stringify(join(process.cwd(), 'src/cli/small-heap.ts'))};
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const churn = () => {
  let kept = [];
  let largest = 0;
  for (let i = 0; i < 2e6; i++) {
    kept.push({ i, text: 'row ' + i });
    if (kept.length > 200000) kept = [];
    if (i % 10000 === 0) largest = Math.max(largest, newSpace());
  }
  return largest;
};
const hold = process.argv.includes('hold');
const worker = new Worker('setTimeout(() => {}, 200)', { eval: true });
await once(worker, 'online');
const stop = hold ? holdYoungGeneration() : () => {};
const before = newSpace();
const largest = churn();
stop();
process.stdout.write(JSON.stringify({ before, largest }));
`;

/** The young generation's size before the garbage, and the largest it grew to. */
function youngGeneration(hold: boolean): { before: number; largest: number } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, ...(hold ? ['hold'] : [])],
    {
      encoding: 'utf8',
    },
  );
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  return JSON.parse(r.stdout) as { before: number; largest: number };
}

test('holdYoungGeneration keeps the young generation at its size after a worker started', () => {
  const free = youngGeneration(false);
  expect(free.largest).toBeGreaterThan(free.before);
  const held = youngGeneration(true);
  expect(held.largest).toBe(held.before);
});
