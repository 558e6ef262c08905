// npm run bench [-- --json] [--runs N] [--only startup,output,history,engine,memory,purge,fleet,postgres,instances]
// Measures what syncdeck's users feel (issue 7); `--json` prints exactly one JSON object.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intFlag, parseFlags, stringFlag } from './lib/args.js';
import { verdicts } from './lib/budgets.js';
import { BENCH_DIR, type BenchContext } from './lib/context.js';
import { ensureDataset } from './lib/dataset.js';
import { flatten, type Results } from './lib/figures.js';
import { loadNow, machine } from './lib/machine.js';
import { formatReport, type BenchReport } from './lib/report.js';
import { progress } from './lib/timing.js';
import { measureEngine } from './measure-engine.js';
import { measureFleet } from './measure-fleet.js';
import { measureHistory } from './measure-history.js';
import { measureInstances } from './measure-instances.js';
import { measureMemory } from './measure-memory.js';
import { measureOutput } from './measure-output.js';
import { measurePurge } from './measure-purge.js';
import { measureStartup } from './measure-startup.js';
import { measurePostgres } from './pg/index.js';

const AREAS = {
  startup: measureStartup,
  output: measureOutput,
  history: measureHistory,
  engine: measureEngine,
  memory: measureMemory,
  // The longest: it needs copies of the database.
  purge: measurePurge,
  // Dashboards and engines as a support team runs them (issue 14).
  fleet: measureFleet,
  // PostgreSQL beside SQLite, when a server is given (SYNCDECK_BENCH_PG_URL or SYNCDECK_TEST_PG_URL).
  ...(process.env.SYNCDECK_BENCH_PG_URL || process.env.SYNCDECK_TEST_PG_URL ? { postgres: measurePostgres } : {}),
  // N engines on one database, SQLite and (when a server is given) PostgreSQL: minutes.
  instances: measureInstances,
} as const;
type Area = keyof typeof AREAS;

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const json = flags.has('json');
  const runs = intFlag(flags, 'runs', 1_000_000);
  const only = stringFlag(flags, 'only')?.split(',') as Area[] | undefined;
  const started = performance.now();
  const loadAtStart = loadNow();

  const outDir = join(BENCH_DIR, 'out');
  mkdirSync(outDir, { recursive: true });
  const tmpDir = mkdtempSync(join(tmpdir(), 'syncdeck-bench-'));
  // Every syncdeck the bench starts keeps its config cache here (docs/config.md, "The config
  // cache"): the user's ~/.cache holds 32 entries, and a bench run writes dozens of configs.
  process.env.XDG_CACHE_HOME = join(tmpDir, 'cache');
  try {
    const dbFile = join(outDir, runs === 1_000_000 ? '1m.db' : `${runs}.db`);
    progress(`dataset: ${runs} runs at ${dbFile}`);
    const million = await ensureDataset(dbFile, { runs });
    progress(million.reused ? 'dataset: reused (fresh)' : `dataset: generated in ${(million.ms / 1000).toFixed(1)} s`);
    // Eleven starts per start-up series (five until session 15): on this shared machine a median
    // of five moved by up to 40 ms between two runs minutes apart (BENCHMARKS.md, session 15).
    const ctx: BenchContext = { outDir, tmpDir, million, startReps: 11, historyReps: 200 };

    const results: Results = {};
    const errors: Record<string, string> = {};
    for (const [area, measure] of Object.entries(AREAS) as [Area, (c: BenchContext) => Promise<unknown>][]) {
      if (only && !only.includes(area)) continue;
      try {
        (results as Record<string, unknown>)[area] = await measure(ctx);
      } catch (err) {
        errors[area] = ((err as Error).message ?? String(err)).split('\n').slice(0, 12).join('\n');
        progress(`${area}: FAILED: ${errors[area]}`);
      }
    }

    const flat = flatten(results, errors);
    const report: BenchReport = {
      machine: machine(loadAtStart),
      dataset: {
        runs: million.stats.runs,
        reused: million.reused,
        generateMs: Math.round(million.ms),
        file: million.db,
      },
      flat,
      results,
      verdicts: verdicts(flat.figures, flat.unavailable),
      errors,
      durationSec: (performance.now() - started) / 1000,
    };
    const object = {
      ...flat.figures,
      history: flat.history,
      budgets: report.verdicts,
      unavailable: flat.unavailable,
      errors,
      machine: report.machine,
      dataset: report.dataset,
      durationSec: Math.round(report.durationSec),
      details: results,
    };
    writeFileSync(join(outDir, 'last.json'), JSON.stringify(object, null, 2) + '\n');
    process.stdout.write(json ? JSON.stringify(object, null, 2) + '\n' : formatReport(report));
    return 0;
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
});
