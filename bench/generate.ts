// npm run bench:gen -- --runs N --db FILE [--tasks 500] [--services 20] [--days 80] [--seed 7] [--force]
// Writes FILE (a syncdeck database) and FILE.yaml (its config) for benchmarks and demos.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { intFlag, parseFlags, stringFlag } from './lib/args.js';
import { generateDataset } from './lib/dataset.js';

const USAGE =
  'usage: npm run bench:gen -- --runs N --db FILE [--tasks 500] [--services 20] [--days 80] [--seed 7] [--force]\n';

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bench:gen: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (flags.has('help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const db = stringFlag(flags, 'db');
  if (!db) {
    process.stderr.write(`bench:gen: --db FILE is required\n${USAGE}`);
    return 2;
  }
  const file = resolve(db);
  if (existsSync(file) && !flags.has('force')) {
    process.stderr.write(`bench:gen: ${file} exists; pass --force to replace it\n`);
    return 2;
  }
  const runs = intFlag(flags, 'runs');
  const tasks = intFlag(flags, 'tasks', 500);
  const services = intFlag(flags, 'services', 20);
  if (tasks < 1 || services < 1 || services > tasks) {
    process.stderr.write('bench:gen: need at least one task per service\n');
    return 2;
  }
  const ds = await generateDataset(file, {
    runs,
    tasks,
    services,
    days: intFlag(flags, 'days', 80),
    seed: intFlag(flags, 'seed', 7),
  });
  const { stats } = ds;
  process.stdout.write(
    `wrote ${ds.db} (${stats.runs} runs, ${stats.logLines} log lines, ${stats.exchanges} exchanges; ` +
      `${stats.expiredDetails} runs with expired details) and ${ds.config} in ${(ds.ms / 1000).toFixed(1)} s\n` +
      `outcomes: ${Object.entries(stats.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}\n` +
      `try: node bin/syncdeck.js --db ${ds.db} --config ${ds.config} history\n`,
  );
  return 0;
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`bench:gen: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
});
