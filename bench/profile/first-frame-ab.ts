// Several builds' dashboards started in turn, each in a 120×40 pseudo-terminal as the bench's
// start-up area starts them: the time from spawn to the first complete frame, the median and
// the fastest per build. Alternating keeps a busy machine's noise out of the comparison
// (BENCHMARKS.md, "Where it goes", session 14). The first round is not counted: it fills
// each build's config and code caches (set XDG_CACHE_HOME to keep them out of ~/.cache).
// Also the engine's frame: the first whose header names the dashboard's own instance (until
// then the frame is the preview's), so a first frame made sooner at the engine's expense shows.
//
//   npx tsx bench/profile/first-frame-ab.ts N DB CONFIG|demo BIN[@@NODE_FLAGS]...
//     DB "fresh": a new database file at every start (removed after it)
//   e.g. npx tsx bench/profile/first-frame-ab.ts 12 /tmp/e.db /tmp/c.yaml /work/base/bin/syncdeck.js bin/syncdeck.js
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { COLS, engineFrameMs, isCompleteFrame, ROWS } from '../lib/dashboard.js';
import { interactiveEnv, PtySession } from '../lib/pty.js';

const [n, db, config, ...builds] = process.argv.slice(2);
if (!n || !db || !config || builds.length === 0) {
  process.stderr.write('usage: first-frame-ab.ts N DB|fresh CONFIG|demo BIN[@@NODE_FLAGS]...\n');
  process.exit(2);
}
const samples: number[][] = builds.map(() => []);
const engineSamples: number[][] = builds.map(() => []);
for (let round = 0; round <= Number(n); round++) {
  for (const [b, build] of builds.entries()) {
    const [bin, flags] = build.split('@@') as [string, string | undefined];
    const file = db === 'fresh' ? join(tmpdir(), `first-frame-ab-${process.pid}-${b}-${round}.db`) : db;
    const argv = [process.execPath, ...(flags ? flags.split(' ') : []), resolve(bin), '--db', resolve(file)];
    if (config !== 'demo') argv.push('--config', resolve(config));
    const session = new PtySession(argv, { cols: COLS, rows: ROWS, cwd: tmpdir(), env: interactiveEnv() });
    const at = await session.waitForScreen(isCompleteFrame, 20_000, 'the first complete frame');
    const engineMs = await engineFrameMs(session);
    // The demo runs tasks at once: quitting asks to confirm.
    await session.stop(config === 'demo' ? 'qy' : 'q');
    if (db === 'fresh') for (const end of ['', '-wal', '-shm']) rmSync(file + end, { force: true });
    const start = session.startedAt ?? session.spawnedAt;
    if (round > 0) samples[b]!.push(Math.round(at - start));
    if (round > 0) engineSamples[b]!.push(Math.round(engineMs));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [b, build] of builds.entries())
  console.log(
    `${build}: median ${median(samples[b]!)} ms, fastest ${Math.min(...samples[b]!)} ms (${samples[b]!.join(' ')}); ` +
      `engine's frame median ${median(engineSamples[b]!)} ms`,
  );
