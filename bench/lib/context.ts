// What every measurement gets: where things are, the 1 000 000-run dataset, how many repetitions.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from './dataset.js';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = dirname(BENCH_DIR);
/** The syncdeck entry point measured; BENCH_BIN points at another build to compare. */
export const BIN = process.env.BENCH_BIN ?? join(REPO_DIR, 'bin', 'syncdeck.js');

export interface BenchContext {
  /** bench/out: the reusable 1M dataset and the last report. */
  outDir: string;
  /** A temp directory removed after the run. */
  tmpDir: string;
  million: Dataset;
  /** Repetitions of process start-ups (start-up, status). */
  startReps: number;
  /** Repetitions of each history query. */
  historyReps: number;
}
