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

// optimizeOnlyHotCode: how many calls of a small function V8 makes before it optimises it,
// on this thread and on a worker thread started afterwards (the engine's), with V8's
// optimising done on the calling thread so that the count is exact.
const HOT_SCRIPT = `
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { optimizeOnlyHotCode } from ${JSON.stringify(join(process.cwd(), 'src/cli/small-heap.ts'))};
if (process.argv.includes('hot')) optimizeOnlyHotCode();
const COUNT = \`
  function work(n) { let s = 0; for (let i = 0; i < 20; i++) s += (n * i) % 7; return s; }
  let calls = 0;
  while ((%GetOptimizationStatus(work) & 16) === 0 && calls < 5e6) work(calls++);
  calls;
\`;
const here = eval(COUNT);
const worker = new Worker(
  \`import { parentPort } from 'node:worker_threads'; parentPort.postMessage(eval(\${JSON.stringify(COUNT)}));\`,
  { eval: true },
);
const [inWorker] = await once(worker, 'message');
process.stdout.write(JSON.stringify({ here, inWorker }));
`;

function callsUntilOptimized(hot: boolean): { here: number; inWorker: number } {
  const r = spawnSync(
    process.execPath,
    [
      '--allow-natives-syntax',
      '--no-concurrent-recompilation',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      HOT_SCRIPT,
      ...(hot ? ['hot'] : []),
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  return JSON.parse(r.stdout) as { here: number; inWorker: number };
}

test('optimizeOnlyHotCode makes V8 wait far longer before optimising, on a worker started later too', () => {
  const usual = callsUntilOptimized(false);
  const hot = callsUntilOptimized(true);
  expect(hot.here).toBeGreaterThan(usual.here * 20);
  expect(hot.inWorker).toBeGreaterThan(usual.inWorker * 20);
  expect(hot.inWorker).toBeLessThan(5e6);
});
