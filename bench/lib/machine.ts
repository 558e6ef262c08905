// The machine the figures came from.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO_DIR } from './context.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  kernel: string;
  sqlite: string;
  betterSqlite3: string;
  date: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
}

export const loadNow = () => Math.round(loadavg()[0]! * 100) / 100;

export function machine(loadAtStart: number): Machine {
  let cpuModel = 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux
  }
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  const pkg = JSON.parse(readFileSync(join(REPO_DIR, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    cpus: availableParallelism(),
    cpuModel,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: release(),
    sqlite,
    betterSqlite3: pkg.version,
    date: new Date().toISOString(),
    loadAverage: { start: loadAtStart, end: loadNow() },
  };
}
