// What the event loop waits on during a purge (BENCHMARKS.md, Where it goes, Session 9):
// the bench's purge on a copy of the 1M database, under CPU burners, with the same loop
// idle just before for as long. At every 1 ms tick it reads the main thread's schedstat
// (time run, time waiting for a CPU) and, for every gap of 20 ms or more, notes how the
// main thread spent it, the GC pauses in it, whether a batch was in flight, and how much
// the purge worker's threads ran meanwhile.
//   npx tsx bench/profile/purge-gaps.ts [--seconds 40] [--burners 4] [--nice N] [--out file.json]
// --nice N: the worker thread's nice (SYNCDECK_PURGE_NICE, read by the purge worker).
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { parseFlags, intFlag, stringFlag } from '../lib/args.js';
import { startCpuBurners } from '../lib/cpu-burners.js';
import { removeDb } from '../lib/dataset.js';
import { openStore, type Store } from '../../src/db/index.js';
import { purge } from '../../src/engine/retention.js';
import { defaultRetention } from '../../src/config/schema.js';
import { sleep } from '../lib/timing.js';

interface Gap {
  phase: string;
  atMs: number;
  /** CLOCK_MONOTONIC at the gap's start, s (perf's `-k CLOCK_MONOTONIC` timestamps). */
  monoS: number;
  from: number;
  to: number;
  gapMs: number;
  ranMs: number;
  waitMs: number;
  gcMs: number;
  gcKinds: string;
  inFlight: boolean;
  workerRanMs: number;
}

const flags = parseFlags(process.argv.slice(2));
const seconds = intFlag(flags, 'seconds', 40);
const burnerCount = intFlag(flags, 'burners', 4);
const nice = stringFlag(flags, 'nice');
const out = stringFlag(flags, 'out');
if (nice !== undefined) process.env.SYNCDECK_PURGE_NICE = nice;

const tids = () => readdirSync('/proc/self/task');
/** [ran ns, waited ns] of one thread. */
function schedstat(tid: string): [number, number] {
  try {
    const [ran, waited] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ');
    return [Number(ran), Number(waited)];
  } catch {
    return [0, 0];
  }
}

const gcs: { start: number; end: number; kind: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
    gcs.push({ start: e.startTime, end: e.startTime + e.duration, kind });
  }
}).observe({ entryTypes: ['gc'] });
const GC_KIND: Record<number, string> = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental', 8: 'weak-cb' };

let inFlight = false;
let workerTids: string[] = [];

function watch(phase: string, gaps: Gap[]) {
  const main = String(process.pid);
  let last = performance.now();
  let [lastRan, lastWait] = schedstat(main);
  let lastWorker = 0;
  let flightAtLast = inFlight;
  const buckets = { '10-20': 0, '20-50': 0, '50-100': 0, '100+': 0 };
  let max = 0;
  let ticks = 0;
  const started = last;
  const timer = setInterval(() => {
    const t = performance.now();
    const [ran, wait] = schedstat(main);
    const workerRan = workerTids.reduce((sum, tid) => sum + schedstat(tid)[0], 0);
    const gap = t - last;
    ticks++;
    max = Math.max(max, gap);
    if (gap >= 100) buckets['100+']++;
    else if (gap >= 50) buckets['50-100']++;
    else if (gap >= 20) buckets['20-50']++;
    else if (gap >= 10) buckets['10-20']++;
    if (gap >= 20) {
      gaps.push({
        phase,
        atMs: Math.round(last - started),
        monoS: Number(process.hrtime.bigint() / 1000n) / 1e6 - gap / 1000,
        from: last,
        to: t,
        gapMs: +gap.toFixed(1),
        ranMs: +((ran - lastRan) / 1e6).toFixed(1),
        waitMs: +((wait - lastWait) / 1e6).toFixed(1),
        gcMs: 0,
        gcKinds: '',
        inFlight: flightAtLast || inFlight,
        workerRanMs: lastWorker ? +((workerRan - lastWorker) / 1e6).toFixed(1) : -1,
      });
    }
    last = t;
    lastRan = ran;
    lastWait = wait;
    lastWorker = workerRan;
    flightAtLast = inFlight;
  }, 1);
  return () => {
    clearInterval(timer);
    const minutes = (performance.now() - started) / 60_000;
    const perMin = Object.fromEntries(Object.entries(buckets).map(([k, v]) => [k, +(v / minutes).toFixed(1)]));
    return { phase, seconds: +(minutes * 60).toFixed(1), ticks, maxGapMs: +max.toFixed(1), perMin, buckets };
  };
}

async function main() {
  const source = join(import.meta.dirname, '..', 'out', '1m.db');
  const file = join(tmpdir(), `purge-gaps-${process.pid}.db`);
  removeDb(file);
  copyFileSync(source, file);
  const burners = burnerCount > 0 ? startCpuBurners(burnerCount) : null;
  const gaps: Gap[] = [];
  const summaries = [];
  const opened = openStore(file);
  try {
    await sleep(2_000);
    let stop = watch('idle', gaps);
    await sleep(seconds * 1000);
    summaries.push(stop());
    const before = new Set(tids());
    const deadline = performance.now() + seconds * 1000;
    let batches = 0;
    let purged = 0;
    const step: Store['purgeExpiredDetails'] = async (cutoffs, at, batch) => {
      if (performance.now() > deadline) return 0;
      inFlight = true;
      try {
        const n = await opened.purgeExpiredDetails(cutoffs, at, batch);
        if (!workerTids.length) workerTids = tids().filter((t) => !before.has(t));
        batches++;
        purged += n;
        return n;
      } finally {
        inFlight = false;
      }
    };
    const store = Object.assign(Object.create(opened) as Store, { purgeExpiredDetails: step });
    stop = watch('purge', gaps);
    await purge(store, Date.now() + 366 * 86_400_000, defaultRetention(), 36_500);
    summaries.push({ ...stop(), batches, purged, workerThreads: workerTids.length });
  } finally {
    await opened.close();
    await burners?.stop();
    removeDb(file);
  }
  // GC entries reach the observer after the fact: match them to the gaps at the end.
  await sleep(100);
  for (const g of gaps) {
    const inGap = gcs.filter((c) => c.start < g.to && c.end > g.from);
    g.gcMs = +inGap.reduce((s, c) => s + Math.min(c.end, g.to) - Math.max(c.start, g.from), 0).toFixed(1);
    g.gcKinds = inGap.map((c) => GC_KIND[c.kind] ?? String(c.kind)).join(',');
  }
  const long = gaps.filter((g) => g.gapMs >= 50);
  const result = { nice: nice ?? null, burners: burnerCount, summaries, long, gaps };
  if (out) writeFileSync(out, JSON.stringify(result, null, 1));
  console.log(JSON.stringify(summaries));
  for (const g of long) console.log(JSON.stringify(g));
}

await main();
