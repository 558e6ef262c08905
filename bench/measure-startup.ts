// 1. Start-up: process start → first complete dashboard frame in a pseudo-terminal, on an
// empty database, on the 1M one and for the demo; process start → complete `status --json`
// output. Each beside a bare `node` started the same way (issue 14: the ratios hold on a
// busy machine, where the milliseconds do not).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, type BenchContext } from './lib/context.js';
import { COLS, engineFrameMs, firstFrame, isCompleteFrame, ROWS } from './lib/dashboard.js';
import { interactiveEnv, PtySession } from './lib/pty.js';
import { removeDb } from './lib/dataset.js';
import { progress, now } from './lib/timing.js';
import { summarize, type Summary } from './lib/stats.js';

export interface StartupResult {
  /** "frame": time to the first complete frame; "exited": the dashboard drew none, time to process exit. */
  mode: 'frame' | 'exited';
  empty: Summary;
  million: Summary;
  /** The bundled demo (its simulated services included), a fresh database each start. */
  demo: Summary;
  /** The engine's frame (the header names this dashboard's instance): the 1M database, the demo. */
  engineMillion: Summary;
  engineDemo: Summary;
  statusJson: Summary;
  statusJsonTasks: number;
  /** `node -e` that prints the frame marker, in the same pseudo-terminal, started the same way. */
  bareFrame: Summary;
  /** `node -e 0`, spawn → exit, started as `status --json` is. */
  bareExit: Summary;
  /** `syncdeck --help`: loading the bundle and nothing else, the floor under every start. */
  help: Summary;
  note: string | null;
}

/** `engineFrame`: also waits for the engine's frame after each first frame, and times it. */
async function dashboardStarts(
  db: string,
  config: string | null,
  cwd: string,
  reps: number,
  engineFrame: boolean,
): Promise<{ mode: 'frame' | 'exited'; samples: number[]; engineSamples: number[]; note: string | null }> {
  const samples: number[] = [];
  const engineSamples: number[] = [];
  let mode: 'frame' | 'exited' = 'frame';
  let note: string | null = null;
  for (let i = 0; i <= reps; i++) {
    const r = await firstFrame(db, config, cwd);
    if (r.kind === 'frame') {
      const engineMs = engineFrame ? await engineFrameMs(r.session) : null;
      if (i > 0 && engineMs !== null) engineSamples.push(engineMs);
      await r.session.stop('q');
    } else {
      mode = 'exited';
      if (r.code !== 0)
        throw new Error(`the dashboard exited with code ${r.code} without drawing a frame:\n${r.output}`);
      note = 'the dashboard drew no frame and exited (placeholder); the figure is process start → exit';
    }
    if (i > 0) samples.push(r.ms); // the first start warms the page cache
  }
  return { mode, samples, engineSamples, note };
}

/** A bare node in the dashboard's pseudo-terminal: it prints what marks a complete frame and exits. */
async function bareFrames(cwd: string, reps: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const session = new PtySession(
      [
        process.execPath,
        '-e',
        `process.stdout.write(${JSON.stringify(`${process.env.BENCH_FRAME_MARKER ?? 'quit'}\n`)})`,
      ],
      { cols: COLS, rows: ROWS, cwd, env: interactiveEnv() },
    );
    const at = await session.waitForScreen(isCompleteFrame, 20_000, 'the bare node line');
    await session.exited;
    if (i > 0) samples.push(at - (session.startedAt ?? session.spawnedAt));
  }
  return samples;
}

/** Runs syncdeck with `args` to completion; resolves with the time from spawn to exit and its stdout. */
function runOnce(args: string[], cwd: string, bin: string | null = BIN): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = now();
    const child = spawn(process.execPath, bin === null ? args : [bin, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const ms = now() - start;
      if (code !== 0) return reject(new Error(`syncdeck ${args.join(' ')} exited with ${code}: ${err}`));
      resolve({ ms, stdout: Buffer.concat(out).toString() });
    });
  });
}

async function repeated(
  args: string[],
  cwd: string,
  reps: number,
  bin: string | null = BIN,
): Promise<{ samples: number[]; stdout: string }> {
  const samples: number[] = [];
  let stdout = '';
  for (let i = 0; i <= reps; i++) {
    const r = await runOnce(args, cwd, bin);
    stdout = r.stdout;
    if (i > 0) samples.push(r.ms);
  }
  return { samples, stdout };
}

export async function measureStartup(ctx: BenchContext): Promise<StartupResult> {
  const { million, tmpDir, startReps } = ctx;
  const emptyDb = join(tmpDir, 'empty.db');
  removeDb(emptyDb);
  progress(`start-up: dashboard on an empty database (${startReps} starts)`);
  const empty = await dashboardStarts(emptyDb, million.config, tmpDir, startReps, false);
  progress(`start-up: dashboard on ${million.stats.runs} runs (${startReps} starts)`);
  const big = await dashboardStarts(million.db, million.config, tmpDir, startReps, true);
  progress(`start-up: the demo (${startReps} starts) and a bare node in the same terminal`);
  const demo: number[] = [];
  const engineDemo: number[] = [];
  for (let i = 0; i <= startReps; i++) {
    const db = join(tmpDir, `demo-${i}.db`);
    const r = await firstFrame(db, null, tmpDir);
    if (r.kind !== 'frame') throw new Error(`the demo drew no complete frame:\n${r.output}`);
    const engineMs = await engineFrameMs(r.session);
    // The demo runs tasks at once: quitting asks to confirm.
    await r.session.stop('qy');
    removeDb(db);
    if (i > 0) demo.push(r.ms);
    if (i > 0) engineDemo.push(engineMs);
  }
  const bareFrame = await bareFrames(tmpDir, startReps);
  progress('start-up: status --json, --help and node -e 0');
  const status = await repeated(
    ['--db', million.db, '--config', million.config, 'status', '--json'],
    tmpDir,
    startReps,
  );
  const help = await repeated(['--help'], tmpDir, startReps);
  const bareExit = await repeated(['-e', '0'], tmpDir, startReps, null);
  return {
    mode: empty.mode === 'frame' && big.mode === 'frame' ? 'frame' : 'exited',
    empty: summarize(empty.samples),
    million: summarize(big.samples),
    demo: summarize(demo),
    engineMillion: summarize(big.engineSamples),
    engineDemo: summarize(engineDemo),
    statusJson: summarize(status.samples),
    bareFrame: summarize(bareFrame),
    bareExit: summarize(bareExit.samples),
    statusJsonTasks: (JSON.parse(status.stdout) as unknown[]).length,
    help: summarize(help.samples),
    note: empty.note ?? big.note,
  };
}
