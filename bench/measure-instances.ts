// Many instances on one store (issue 15): N headless engines started at the same moment
// on one database, SQLite and (when a server is given) PostgreSQL, each point
// BENCH_INSTANCES_SECONDS (60) long. Per N: when the last engine was ready, CPU per
// engine once the start-up runs are done (every task's first run finished, then 5 s; at
// least 30 s of it; /proc/PID/stat), connections per engine,
// storage errors, and runs of one task that overlapped (must be 0).
//   BENCH_INSTANCES=1,10,40   the values of N
//   BENCH_INSTANCES_STORES=sqlite,postgres   which stores (both by default)
//   SYNCDECK_BENCH_PG_URL     the PostgreSQL server (else SYNCDECK_TEST_PG_URL); its user needs CREATEDB
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './lib/context.js';
import { osUserName } from './lib/dataset.js';
import { loadNow } from './lib/machine.js';
import { median, round } from './lib/stats.js';
import { now, progress, sleep } from './lib/timing.js';
import { writeInstancesConfig, TASKS } from './instances/config.js';
import { sampleConnections, type ConnectionSampler } from './instances/connections.js';
import { startEngines, stopEngines, type EngineProc } from './instances/engines.js';
import { countOverlaps } from './instances/overlaps.js';
import { cpuMs, openCount } from './instances/proc.js';
import { runStatus } from './instances/status.js';
import { freshDatabase } from './pg/databases.js';

const SECONDS = Number(process.env.BENCH_INSTANCES_SECONDS ?? 60);
/** CPU is counted from this long after the spawn (or the last engine's ready, if later): the start-up runs are over by then. */
const SETTLE_MS = 15_000;
/** The idle CPU is measured over at least this long. */
const QUIET_MIN_MS = 30_000;
/** The longest an engine may take to say `engine-started`. */
const READY_TIMEOUT_MS = 120_000;

export interface InstancesPoint {
  n: number;
  /** Engines that said engine-started. */
  ready: number;
  /** Spawn → engine-started of the last engine, and the median. */
  readyLastMs: number | null;
  readyMedianMs: number | null;
  /** CPU an engine used from its spawn to `engine-started` (median, ms): what start-up costs whatever the machine's load. */
  readyCpuMedianMs: number | null;
  /** % of one core per engine over the quiet window: median and highest engine. */
  cpuPctMedian: number;
  cpuPctMax: number;
  /** % of one core per engine from spawn to the end (start-up and first runs included), median. */
  cpuPctWholeMedian: number;
  quietSeconds: number;
  /** PostgreSQL: the most connections one engine held in one sample. SQLite: most opens of the database file by one engine. */
  connectionsPerEngine: number;
  /** PostgreSQL: the most engine connections to the database in one sample. */
  connectionsMax: number;
  storageErrors: number;
  storageRecovered: number;
  stderrLines: number;
  /** The first stderr line of an engine, if any said something (why it did not start). */
  stderrFirst: string | null;
  exitCodes: Record<string, number>;
  runs: number;
  /** Runs by outcome (more runs than tasks: runs interrupted by a stop, or run again after a lost lease). */
  outcomes: Record<string, number>;
  overlaps: number;
  stillRunning: number;
  /** `status --json` during the quiet window. */
  statusOk: boolean;
  statusMs: number;
  /** 1-minute load average when the point started and ended: the machine's other work skews ready times most. */
  loadAverage: { start: number; end: number };
}

export interface InstancesResult {
  seconds: number;
  tasks: number;
  sqlite: InstancesPoint[];
  postgres: InstancesPoint[] | null;
  postgresNote: string | null;
}

export function instanceCounts(): number[] {
  return (process.env.BENCH_INSTANCES ?? '1,10,40')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}

async function measurePoint(
  n: number,
  config: string,
  db: { location: string; file?: string; pg?: { admin: string; name: string } },
): Promise<InstancesPoint> {
  let sampler: ConnectionSampler | null = null;
  if (db.pg) sampler = await sampleConnections(db.pg.admin, db.pg.name);
  const loadAtStart = loadNow();
  const started = now();
  const procs = startEngines(n, config, db.location);
  let fileOpens = 0;
  let status = { ok: false, ms: 0 };
  let quiet: { from: number; cpu: (number | null)[] } | null = null;
  try {
    const readyBy = started + READY_TIMEOUT_MS;
    while (procs.some((p) => p.readyAt === null && p.child.exitCode === null) && now() < readyBy) await sleep(20);
    const allReady = Math.max(started, ...procs.map((p) => p.readyAt ?? started));
    // Idle means after the start-up runs (every task due once) are over, however long a loaded machine takes for them.
    const runsBy = now() + READY_TIMEOUT_MS;
    while (sum(procs, (p) => p.runsFinished) < TASKS && procs.some((p) => p.child.exitCode === null) && now() < runsBy)
      await sleep(100);
    const quietFrom = Math.max(started + SETTLE_MS, allReady + 5_000, now() + 5_000);
    const end = Math.max(started + SECONDS * 1_000, quietFrom + QUIET_MIN_MS);
    await sleep(Math.max(0, quietFrom - now()));
    quiet = { from: now(), cpu: procs.map((p) => cpuMs(p.pid)) };
    if (db.file) fileOpens = Math.max(...procs.map((p) => openCount(p.pid, db.file!)));
    status = await runStatus(config, db.location);
    await sleep(Math.max(0, end - now()));
    const quietMs = now() - quiet.from;
    const cpuEnd = procs.map((p) => cpuMs(p.pid));
    const quietPct = procs
      .map((_, i) =>
        cpuEnd[i] !== null && quiet!.cpu[i] != null ? ((cpuEnd[i]! - quiet!.cpu[i]) / quietMs) * 100 : Number.NaN,
      )
      .filter((v) => !Number.isNaN(v));
    const wholeMs = now() - started;
    const wholePct = cpuEnd.filter((v): v is number => v !== null).map((v) => (v / wholeMs) * 100);
    const readyMs = procs.filter((p) => p.readyAt !== null).map((p) => p.readyAt! - p.spawnedAt);
    const readyCpu = procs.map((p) => p.readyCpuMs).filter((v): v is number => v !== null);
    const connMax = sampler ? sampler.max() : fileOpens;
    const codes = await stopEngines(procs);
    const exitCodes: Record<string, number> = {};
    for (const c of codes) exitCodes[String(c)] = (exitCodes[String(c)] ?? 0) + 1;
    const check = await countOverlaps(db.location);
    return {
      n,
      ready: readyMs.length,
      readyLastMs: readyMs.length === n ? round(Math.max(...readyMs)) : null,
      readyMedianMs: readyMs.length ? round(median(readyMs)) : null,
      readyCpuMedianMs: readyCpu.length ? round(median(readyCpu)) : null,
      cpuPctMedian: round(median(quietPct)),
      cpuPctMax: round(Math.max(...quietPct)),
      cpuPctWholeMedian: round(median(wholePct)),
      quietSeconds: round(quietMs / 1000),
      connectionsPerEngine: sampler ? sampler.maxPerEngine() : fileOpens,
      connectionsMax: connMax,
      storageErrors: sum(procs, (p) => p.storageErrors.length),
      storageRecovered: sum(procs, (p) => p.storageRecovered),
      stderrLines: sum(procs, (p) => p.stderr.length),
      stderrFirst: procs.find((p) => p.stderr.length > 0)?.stderr[0] ?? null,
      exitCodes,
      runs: check.runs,
      outcomes: check.outcomes,
      overlaps: check.overlaps,
      stillRunning: check.stillRunning,
      statusOk: status.ok,
      statusMs: round(status.ms),
      loadAverage: { start: loadAtStart, end: loadNow() },
    };
  } finally {
    await stopEngines(procs, 5_000);
    await sampler?.stop();
  }
}

const sum = (procs: EngineProc[], f: (p: EngineProc) => number) => procs.reduce((a, p) => a + f(p), 0);

function describe(kind: string, p: InstancesPoint): string {
  return `instances: ${kind} N=${p.n}: ready ${p.ready}/${p.n}, last ${p.readyLastMs ?? '—'} ms (start-up CPU ${p.readyCpuMedianMs ?? '—'} ms each); CPU ${p.cpuPctMedian} % per engine (max ${p.cpuPctMax}); ${p.connectionsPerEngine} connections per engine; ${p.storageErrors} storage errors; ${p.overlaps} overlaps in ${p.runs} runs; status ${p.statusOk ? 'ok' : 'FAILED'} ${p.statusMs} ms; load ${p.loadAverage.start} → ${p.loadAverage.end}`;
}

export async function measureInstances(
  ctx: BenchContext,
  pgUrl = process.env.SYNCDECK_BENCH_PG_URL || process.env.SYNCDECK_TEST_PG_URL,
): Promise<InstancesResult> {
  const dir = join(ctx.tmpDir, 'instances');
  mkdirSync(dir, { recursive: true });
  const config = writeInstancesConfig(dir, osUserName());
  const counts = instanceCounts();

  const stores = (process.env.BENCH_INSTANCES_STORES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const sqlite: InstancesPoint[] = [];
  for (const n of stores.includes('sqlite') ? counts : []) {
    const file = join(dir, `n${n}.db`);
    const point = await measurePoint(n, config, { location: file, file });
    progress(describe('sqlite', point));
    sqlite.push(point);
  }

  let postgres: InstancesPoint[] | null = null;
  let postgresNote: string | null = 'no server given (SYNCDECK_BENCH_PG_URL)';
  if (!stores.includes('postgres')) postgresNote = 'not asked for (BENCH_INSTANCES_STORES)';
  else if (pgUrl) {
    postgres = [];
    postgresNote = null;
    for (const n of counts) {
      const name = `syncdeck_bench_instances_${n}`;
      const fresh = await freshDatabase(pgUrl, name);
      try {
        const point = await measurePoint(n, config, { location: fresh.url, pg: { admin: pgUrl, name } });
        progress(describe('postgres', point));
        postgres.push(point);
      } finally {
        await fresh.drop();
      }
    }
  }
  return { seconds: SECONDS, tasks: TASKS, sqlite, postgres, postgresNote };
}
