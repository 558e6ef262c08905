// One scene of the fleet area: dashboards (each in its own pseudo-terminal, as over
// `ssh -t`) and headless engines on one database, measured from /proc over a window
// after a warm-up: CPU share per process, resident memory, bytes each dashboard wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { BIN } from '../lib/context.js';
import { isCompleteFrame, startDashboard } from '../lib/dashboard.js';
import type { PtySession } from '../lib/pty.js';
import { median, round } from '../lib/stats.js';
import { now, progress, sleep } from '../lib/timing.js';
import { cpuSeconds, machineTicks, rssOf } from './proc.js';

export interface SceneOptions {
  name: string;
  dashboards: number;
  engines: number;
  db: string;
  /** null: the demo. */
  config: string | null;
  cwd: string;
  warmupSeconds: number;
  seconds: number;
  /**
   * Measure a second window of `seconds` that starts this long after the last dashboard's
   * first frame: a dashboard open all day, once V8 has compiled its hot code (the first
   * minute's window includes that compiling, on V8's own threads).
   */
  steadyFromSeconds?: number;
}

export interface WindowFigures {
  /** Seconds after the last dashboard's first frame when the window started. */
  fromSecond: number;
  seconds: number;
  dashboardCpuPct: number;
  engineCpuPct: number | null;
  totalCpuPct: number;
}

export interface ProcessFigures {
  pid: number;
  /** Share of one core over the window, %. */
  cpuPct: number;
  /** Resident memory at the end of the window, and the process's peak. */
  rssMb: number;
  peakMb: number;
  /** Proportional share of memory (shared pages divided among the processes mapping them). */
  pssMb: number;
}

export interface SceneResult {
  name: string;
  seconds: number;
  dashboards: (ProcessFigures & { bytesPerSec: number })[];
  engines: ProcessFigures[];
  dashboardCpuPct: number;
  dashboardRssMb: number;
  dashboardPssMb: number;
  dashboardPeakMb: number;
  engineCpuPct: number | null;
  /** All the scene's processes together, % of one core. */
  totalCpuPct: number;
  /** The whole machine's busy share over the window (everything running on it), % of all cores. */
  machineBusyPct: number;
  loadAverage: { start: number; end: number };
  /** The steady window (steadyFromSeconds), if asked for. */
  steady: WindowFigures | null;
}

const STOP_MS = 10_000;

async function startEngine(db: string, config: string | null, cwd: string): Promise<ChildProcess> {
  const argv = [BIN, 'engine', '--db', db, ...(config === null ? [] : ['--config', config])];
  const child = spawn(process.execPath, argv, { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
  let seen = '';
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      seen += data.toString();
      if (seen.includes('engine-started')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`a headless engine exited (${code}) before it started: ${seen.slice(0, 500)}`)),
    );
  });
  await Promise.race([
    started,
    sleep(60_000).then(() => Promise.reject(new Error('a headless engine did not start within 60 s'))),
  ]);
  // Keep reading so the pipe never fills.
  child.stdout.resume();
  return child;
}

async function stopEngine(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  if ((await Promise.race([exited, sleep(STOP_MS).then(() => 'late')])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}

async function stopDashboard(session: PtySession): Promise<void> {
  if (session.exitedAt !== null) return;
  const pid = session.commandPid();
  if (pid !== undefined) process.kill(pid, 'SIGTERM');
  await session.stop(null, STOP_MS);
}

/** CPU share of each process over `seconds` from now, % of a core. */
async function cpuWindow(pids: number[], seconds: number): Promise<{ pct: number[]; elapsed: number; t0: number }> {
  const cpu0 = pids.map((p) => cpuSeconds(p) ?? NaN);
  const t0 = now();
  await sleep(seconds * 1_000);
  const elapsed = (now() - t0) / 1_000;
  const cpu1 = pids.map((p) => cpuSeconds(p) ?? NaN);
  return { pct: pids.map((_, i) => round(((cpu1[i]! - cpu0[i]!) / elapsed) * 100)), elapsed, t0 };
}

/** The scene's CPU figures from each process's share (dashboards first, then engines). */
function cpuShares(
  pct: readonly number[],
  dashboards: number,
): Pick<WindowFigures, 'dashboardCpuPct' | 'engineCpuPct' | 'totalCpuPct'> {
  const engines = pct.slice(dashboards);
  return {
    dashboardCpuPct: round(median(pct.slice(0, dashboards))),
    engineCpuPct: engines.length > 0 ? round(median(engines)) : null,
    totalCpuPct: round(pct.reduce((a, v) => a + v, 0)),
  };
}

export async function runScene(o: SceneOptions): Promise<SceneResult> {
  const engines: ChildProcess[] = [];
  const dashboards: { session: PtySession; pid: number }[] = [];
  const loadStart = round(loadavg()[0]!);
  try {
    progress(`fleet/${o.name}: starting ${o.engines} headless engines and ${o.dashboards} dashboards`);
    for (let i = 0; i < o.engines; i++) engines.push(await startEngine(o.db, o.config, o.cwd));
    // One after another, each to its first complete frame: a start-up storm is not what this measures.
    for (let i = 0; i < o.dashboards; i++) {
      const session = startDashboard(o.db, o.config, o.cwd);
      await session.waitForScreen(isCompleteFrame, 90_000, `dashboard ${i + 1}'s first frame`);
      const pid = session.commandPid();
      if (pid === undefined) throw new Error(`dashboard ${i + 1}: no process found under its terminal`);
      dashboards.push({ session, pid });
    }
    const allDrawn = now();
    await sleep(o.warmupSeconds * 1_000);

    progress(`fleet/${o.name}: measuring for ${o.seconds} s`);
    const pids = [...dashboards.map((d) => d.pid), ...engines.map((e) => e.pid!)];
    const machine0 = machineTicks();
    const { pct, elapsed, t0 } = await cpuWindow(pids, o.seconds);
    const machine1 = machineTicks();
    const figures = pids.map((pid, i): ProcessFigures => {
      const mem = rssOf(pid);
      return {
        pid,
        cpuPct: pct[i]!,
        rssMb: round(mem?.rssMb ?? NaN),
        peakMb: round(mem?.peakMb ?? NaN),
        pssMb: round(mem?.pssMb ?? NaN),
      };
    });
    const d = figures
      .slice(0, dashboards.length)
      .map((f, i) => ({ ...f, bytesPerSec: round(dashboards[i]!.session.bytesBetween(t0) / elapsed) }));
    const e = figures.slice(dashboards.length);
    let steady: WindowFigures | null = null;
    if (o.steadyFromSeconds !== undefined) {
      await sleep(Math.max(0, allDrawn + o.steadyFromSeconds * 1_000 - now()));
      progress(`fleet/${o.name}: measuring the steady window for ${o.seconds} s`);
      const fromSecond = round((now() - allDrawn) / 1_000);
      const later = await cpuWindow(pids, o.seconds);
      steady = { fromSecond, seconds: round(later.elapsed), ...cpuShares(later.pct, dashboards.length) };
    }
    return {
      name: o.name,
      seconds: round(elapsed),
      dashboards: d,
      engines: e,
      ...cpuShares(pct, dashboards.length),
      dashboardRssMb: round(median(d.map((x) => x.rssMb))),
      dashboardPssMb: round(median(d.map((x) => x.pssMb))),
      dashboardPeakMb: round(Math.max(...d.map((x) => x.peakMb))),
      machineBusyPct: round(((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * 100),
      loadAverage: { start: loadStart, end: round(loadavg()[0]!) },
      steady,
    };
  } finally {
    await Promise.all(dashboards.map((d) => stopDashboard(d.session)));
    await Promise.all(engines.map(stopEngine));
  }
}
