// Bytes per second the bundled demo sends to a 120×40 terminal: what an engineer's SSH
// link carries all day (tasks finishing, a progress bar, countdowns).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { firstFrame } from './dashboard.js';
import { now, progress, sleep } from './timing.js';

export const DEMO_SECONDS = Number(process.env.BENCH_DEMO_SECONDS ?? 60);

export interface DemoOutput {
  bytesPerSec: number;
  seconds: number;
}

export async function measureDemoOutput(tmpDir: string): Promise<DemoOutput> {
  const dir = join(tmpDir, 'demo');
  mkdirSync(dir, { recursive: true });
  progress(`output: the demo for ${DEMO_SECONDS} s`);
  const start = await firstFrame(join(dir, 'demo.db'), null, dir);
  if (start.kind === 'exited') throw new Error(`the demo drew no frame: ${start.output}`);
  const session = start.session;
  try {
    // The first frames (history loading, the first runs starting) are start-up, not steady state.
    await session.waitQuiet(500, 3_000);
    const from = now();
    await sleep(DEMO_SECONDS * 1_000);
    return { bytesPerSec: Math.round(session.bytesBetween(from, now()) / DEMO_SECONDS), seconds: DEMO_SECONDS };
  } finally {
    await session.stop('q');
  }
}
