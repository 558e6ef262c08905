// The fleet area's busy scene alone (one dashboard beside 10 headless engines running a
// 60-task config, its CPU over 30 s after 5 s): to compare two builds' busyDashboardCpuPct,
// which varies run to run by more than most changes move it (BENCHMARKS.md, session 15).
//
//   BENCH_BIN=/other/build/bin/syncdeck.js npx tsx bench/profile/busy-scene.ts
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { writeFleetConfig } from '../fleet/config.js';
import { runScene } from '../fleet/scene.js';

const dir = join(tmpdir(), `busy-scene-${process.pid}`);
mkdirSync(dir, { recursive: true });
try {
  const config = writeFleetConfig(join(dir, 'fleet.yaml'), {
    user: userInfo().username,
    tasks: 60,
    interval: '30s',
    handler: 'fleet-task',
  });
  const r = await runScene({
    name: 'tenEngines',
    dashboards: 1,
    engines: 10,
    db: join(dir, 'busy.db'),
    config,
    cwd: dir,
    seconds: 30,
    warmupSeconds: 5,
  });
  const d = r.dashboards[0]!;
  console.log(`dashboard: ${d.cpuPct} % CPU, ${d.rssMb} MB RSS, peak ${d.peakMb} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
