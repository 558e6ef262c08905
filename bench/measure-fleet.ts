// 7. The fleet (issue 14): a clinic's support team on one server. Twenty dashboards, each
// in its own pseudo-terminal, beside three headless engines on one SQLite database with a
// 60-task config; and the single-dashboard rows of the table: idle (30 tasks at
// `interval: 1h`, nothing running), the demo, and one dashboard while ten headless engines
// run the 60-task config. CPU from /proc/PID/stat over the window, memory from
// /proc/PID/status. BENCH_FLEET_SECONDS (default 60) sets the fleet's window,
// BENCH_DASHBOARD_SECONDS (default 30) the others', BENCH_FLEET_DASHBOARDS (default 20)
// the number of dashboards.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFleetConfig } from './fleet/config.js';
import { runScene, type SceneResult } from './fleet/scene.js';
import type { BenchContext } from './lib/context.js';
import { osUserName } from './lib/dataset.js';

export interface FleetResult {
  fleet: SceneResult;
  idle: SceneResult;
  demo: SceneResult;
  tenEngines: SceneResult;
  /** Tasks in the fleet's config, and their interval. */
  tasks: number;
  interval: string;
}

const FLEET_SECONDS = Number(process.env.BENCH_FLEET_SECONDS ?? 60);
const DASHBOARD_SECONDS = Number(process.env.BENCH_DASHBOARD_SECONDS ?? 30);
/** The demo's and the busy dashboard's second window starts this long after their first frame. */
const STEADY_FROM_SECONDS = Number(process.env.BENCH_STEADY_FROM_SECONDS ?? 60);
const FLEET_DASHBOARDS = Number(process.env.BENCH_FLEET_DASHBOARDS ?? 20);
const FLEET_TASKS = 60;
const FLEET_INTERVAL = '30s';

export async function measureFleet(ctx: BenchContext): Promise<FleetResult> {
  const dir = join(ctx.tmpDir, 'fleet');
  mkdirSync(dir, { recursive: true });
  const user = osUserName();
  const busyConfig = writeFleetConfig(join(dir, 'fleet.yaml'), {
    user,
    tasks: FLEET_TASKS,
    interval: FLEET_INTERVAL,
    handler: 'fleet-task',
  });
  const idleConfig = writeFleetConfig(join(dir, 'idle.yaml'), { user, tasks: 30, interval: '1h', handler: 'noop' });
  const scene = (
    name: string,
    dashboards: number,
    engines: number,
    config: string | null,
    seconds: number,
    warmupSeconds: number,
    steadyFromSeconds?: number,
  ) =>
    runScene({
      name,
      dashboards,
      engines,
      db: join(dir, `${name}.db`),
      config,
      cwd: dir,
      seconds,
      warmupSeconds,
      steadyFromSeconds,
    });

  const idle = await scene('idle', 1, 0, idleConfig, DASHBOARD_SECONDS, 5);
  const demo = await scene('demo', 1, 0, null, DASHBOARD_SECONDS, 5, STEADY_FROM_SECONDS);
  const tenEngines = await scene('tenEngines', 1, 10, busyConfig, DASHBOARD_SECONDS, 5, STEADY_FROM_SECONDS);
  const fleet = await scene('fleet', FLEET_DASHBOARDS, 3, busyConfig, FLEET_SECONDS, 10);
  return { fleet, idle, demo, tenEngines, tasks: FLEET_TASKS, interval: FLEET_INTERVAL };
}
