// N headless `syncdeck engine` processes started at the same moment on one database:
// when each said `engine-started`, what each logged, and a clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BIN } from '../lib/context.js';
import { now } from '../lib/timing.js';
import { cpuMs } from './proc.js';

export interface EngineProc {
  child: ChildProcess;
  pid: number;
  spawnedAt: number;
  /** performance.now() of its `engine-started` line. */
  readyAt: number | null;
  /** CPU time it had used by then (ms; /proc/PID/stat). */
  readyCpuMs: number | null;
  storageErrors: string[];
  storageRecovered: number;
  /** Runs it finished (`run-finished` lines). */
  runsFinished: number;
  stderr: string[];
  exited: Promise<number | null>;
}

export function startEngines(n: number, config: string, db: string, env: Record<string, string> = {}): EngineProc[] {
  const procs: EngineProc[] = [];
  for (let i = 0; i < n; i++) {
    const spawnedAt = now();
    const child = spawn(process.execPath, [BIN, 'engine', '--config', config, '--db', db], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p: EngineProc = {
      child,
      pid: child.pid ?? -1,
      spawnedAt,
      readyAt: null,
      readyCpuMs: null,
      storageErrors: [],
      storageRecovered: 0,
      runsFinished: 0,
      stderr: [],
      exited: once(child, 'close').then(([code]) => code as number | null),
    };
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: { event?: string; message?: string };
      try {
        line = JSON.parse(text) as typeof line;
      } catch {
        return;
      }
      if (line.event === 'engine-started') {
        p.readyAt = now();
        p.readyCpuMs = cpuMs(p.pid);
      } else if (line.event === 'run-finished') p.runsFinished++;
      else if (line.event === 'storage-error') p.storageErrors.push(line.message ?? '');
      else if (line.event === 'storage-recovered') p.storageRecovered++;
    });
    createInterface({ input: child.stderr }).on('line', (l) => p.stderr.push(l));
    procs.push(p);
  }
  return procs;
}

/** SIGTERM to all, SIGKILL to those still there after `graceMs`; returns the exit codes. */
export async function stopEngines(procs: EngineProc[], graceMs = 30_000): Promise<(number | null)[]> {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  }, graceMs);
  try {
    return await Promise.all(procs.map((p) => p.exited));
  } finally {
    clearTimeout(timer);
  }
}
