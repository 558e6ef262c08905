// Several builds' `status --json` run in turn, spawn → exit, beside a bare `node -e 0` started
// the same way: the median per build. Alternating keeps a busy machine's noise out of the
// comparison (BENCHMARKS.md, "Where it goes", session 16). The first round is not counted:
// it fills each build's config and code caches (set XDG_CACHE_HOME to keep them out of ~/.cache).
//
//   npx tsx bench/profile/status-ab.ts N DB CONFIG BIN...
//   e.g. npx tsx bench/profile/status-ab.ts 14 bench/out/1m.db bench/out/1m.db.yaml /work/base/bin/syncdeck.js bin/syncdeck.js
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const [n, db, config, ...bins] = process.argv.slice(2);
if (!n || !db || !config || bins.length === 0) {
  process.stderr.write('usage: status-ab.ts N DB CONFIG BIN...\n');
  process.exit(2);
}
const runs: [string, string[]][] = [
  ...bins.map((bin): [string, string[]] => [
    bin,
    [resolve(bin), '--db', resolve(db), '--config', resolve(config), 'status', '--json'],
  ]),
  ['node -e 0', ['-e', '0']],
];
const samples = runs.map((): number[] => []);
for (let round = 0; round <= Number(n); round++) {
  for (const [i, [what, args]] of runs.entries()) {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`${what} exited with ${r.status}: ${r.stderr.toString()}`);
    if (round > 0) samples[i]!.push(Math.round(ms));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare = median(samples.at(-1)!);
for (const [i, [what]] of runs.entries())
  console.log(`${what}: median ${median(samples[i]!)} ms (${(median(samples[i]!) / bare).toFixed(2)}× node -e 0)`);
