// The PostgreSQL figures on their own, until bench/run.ts measures them beside SQLite's:
//   SYNCDECK_BENCH_PG_URL=postgres://… npx tsx bench/pg/run.ts [--runs N] [--reps N]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intFlag, parseFlags } from '../lib/args.js';
import { BENCH_DIR, type BenchContext } from '../lib/context.js';
import { ensureDataset } from '../lib/dataset.js';
import { measurePostgres } from './index.js';

const flags = parseFlags(process.argv.slice(2));
const runs = intFlag(flags, 'runs', 1_000_000);
const outDir = join(BENCH_DIR, 'out');
mkdirSync(outDir, { recursive: true });
const tmpDir = mkdtempSync(join(tmpdir(), 'syncdeck-bench-pg-'));
try {
  const million = await ensureDataset(join(outDir, runs === 1_000_000 ? '1m.db' : `${runs}.db`), { runs });
  const ctx: BenchContext = { outDir, tmpDir, million, startReps: 5, historyReps: intFlag(flags, 'reps', 200) };
  process.stdout.write(`${JSON.stringify(await measurePostgres(ctx), null, 2)}\n`);
} finally {
  rmSync(tmpDir, { recursive: true, force: true });
}
