// The readable report of `npm run bench`.
import type { Verdict } from './budgets.js';
import type { Flattened, Results } from './figures.js';
import type { Machine } from './machine.js';

export interface BenchReport {
  machine: Machine;
  dataset: { runs: number; reused: boolean; generateMs: number; file: string };
  flat: Flattened;
  results: Results;
  verdicts: Verdict[];
  errors: Record<string, string>;
  durationSec: number;
}

const fmt = (v: number | null | undefined, unit = '') =>
  v === null || v === undefined || Number.isNaN(v) ? '—' : `${v}${unit}`;

export function formatReport(r: BenchReport): string {
  const { figures: f, history } = r.flat;
  const out: string[] = [];
  const m = r.machine;
  out.push(`syncdeck benchmarks · ${m.date}`);
  out.push(
    `machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, SQLite ${m.sqlite} (better-sqlite3 ${m.betterSqlite3}), Linux ${m.kernel}; load average ${m.loadAverage.start} → ${m.loadAverage.end}`,
  );
  out.push(
    `dataset: ${r.dataset.runs} runs, ${r.dataset.reused ? 'reused' : `generated in ${(r.dataset.generateMs / 1000).toFixed(1)} s`} (${r.dataset.file})`,
  );
  out.push('');
  out.push('Start-up (process start → first complete frame, 120×40 pty)');
  out.push(`  empty database      ${fmt(f.firstFrameMs, ' ms')}`);
  out.push(`  1 000 000 runs      ${fmt(f.firstFrameMs1M, ' ms')}`);
  out.push(`  status --json (1M)  ${fmt(f.statusJsonMs, ' ms')}`);
  out.push(
    `  the demo            ${fmt(f.firstFrameMsDemo, ' ms')} (${fmt(f.firstFrameDemoRatioToNode, '×')} a bare node in the same terminal: ${fmt(r.results.startup?.bareFrame.medianMs, ' ms')})`,
  );
  out.push(
    `  ratios to bare node  empty ${fmt(f.firstFrameRatioToNode, '×')}, 1M ${fmt(f.firstFrameRatioToNode1M, '×')}, status --json ${fmt(f.statusJsonRatioToNode, '×')} (node -e 0: ${fmt(r.results.startup?.bareExit.medianMs, ' ms')})`,
  );
  out.push(`  the engine's frame  1M ${fmt(f.engineFrameMs1M, ' ms')}, demo ${fmt(f.engineFrameMsDemo, ' ms')}`);
  if (r.results.startup) out.push(`  --help (bundle load only) ${r.results.startup.help.medianMs} ms`);
  if (r.results.output?.available)
    out.push(`  30-task config (one start, 20 000 runs) ${r.results.output.firstFrameMs} ms`);
  if (r.results.startup?.note) out.push(`  note: ${r.results.startup.note}`);
  out.push('');
  out.push(
    'Output over SSH (bytes to the terminal, 120×40, 30 tasks; full repaint = Ink default rendering of that frame)',
  );
  const o = r.results.output;
  if (o?.available) {
    out.push(`  progress-bar change  ${o.progressTick.bytes} B   (full repaint ${o.progressTick.fullRepaintBytes} B)`);
    out.push(`  cursor move (j)      ${o.cursorMove.bytes} B   (full repaint ${o.cursorMove.fullRepaintBytes} B)`);
    out.push(`  new run arriving     ${o.newRun.bytes} B   (full repaint ${o.newRun.fullRepaintBytes} B)`);
    out.push(`  idle                 ${fmt(f.bytesIdlePerSec)} B/s over ${o.idleSeconds} s`);
    out.push(
      `  countdown second     ${fmt(f.bytesCountdownPerTask)} B per task (${o.countdown.tasks} counting down; seconds ${o.countdown.samples.join(', ')} B)`,
    );
    out.push(
      `  the demo             ${fmt(f.bytesDemoPerSec)} B/s over ${o.demoSeconds} s (${fmt(f.bytesDemoPerSec == null ? null : Math.round((f.bytesDemoPerSec * 60) / 1024))} KB a minute)`,
    );
    out.push(`  tasks on screen      ${o.visibleTasks}`);
    const unverified = o.progressTick.unverified + o.cursorMove.unverified + o.newRun.unverified;
    if (unverified > 0) out.push(`  note: ${unverified} event(s) left no visible change on the emulated screen`);
  } else out.push(`  not measured: ${r.flat.unavailable.bytesProgressTick ?? r.errors.output ?? 'skipped'}`);
  out.push('');
  out.push(
    `History at ${r.dataset.runs} runs (Engine API vs raw better-sqlite3, ms, ${r.results.history?.reps ?? 0} repetitions)`,
  );
  out.push(
    `  ${'case'.padEnd(52)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'raw med'.padStart(8)} ${'ratio'.padStart(7)}`,
  );
  for (const c of Object.values(history)) {
    out.push(
      `  ${c.label.padEnd(52)} ${String(c.medianMs).padStart(8)} ${String(c.p95Ms).padStart(8)} ${String(c.rawMedianMs).padStart(8)} ${`${c.ratio}×`.padStart(7)}`,
    );
  }
  const h = r.results.history;
  if (h)
    out.push(
      `  bounded count of errors (≤ ${h.count.bound + 1}): ${h.count.engine.medianMs} ms (raw ${h.count.raw.medianMs} ms)`,
    );
  for (const c of Object.values(h?.counts ?? {}))
    out.push(`  bounded count, ${c.label} (${c.value}): ${c.engine.medianMs} ms (raw ${c.raw.medianMs} ms)`);
  if (h?.times)
    out.push(
      `  time ranges: ${Object.entries(h.times)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')}`,
    );
  out.push('');
  out.push('Engine throughput (no-op runs, fresh database)');
  const e = r.results.engine;
  if (e) {
    out.push(`  back to back         ${e.sequential.runsPerSec} runs/s`);
    out.push(`  ${e.concurrent.concurrency} at a time          ${e.concurrent.runsPerSec} runs/s`);
    out.push(
      `  raw single-row INSERT ${e.rawInsertsPerSec}/s (autocommit, WAL, synchronous=NORMAL; windows ${e.rawInsertWindows.join(', ')})`,
    );
    out.push(
      `  writes per run       ${e.writesPerRun}  (store calls per run: ${Object.entries(e.concurrent.callsPerRun)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    out.push(`  ratio                ${e.ratioToRawInserts} (× writes per run = ${e.ratioTimesWrites})`);
  } else out.push(`  not measured: ${r.errors.engine ?? 'skipped'}`);
  out.push('');
  const p = r.results.purge;
  out.push('Retention purge');
  if (p) {
    out.push(
      `  ${p.detailsPurged} runs' details (${p.logLinesBefore} log lines) in ${p.totalMs} ms, ${p.batches} batches of ${p.meanBatch} on average, ${p.msPerBatch} ms each with the rest after it`,
    );
    out.push(
      `  longest stall ${p.maxStallMs} ms, ${p.stall.gapsOver50Ms} over 50 ms (loop delay p99 ${p.stall.p99DelayMs} ms; ${p.gapsOver50PerMin}/min; idle loop before: ${p.idleMaxStallMs} ms, ${p.idleGapsOver50PerMin}/min)`,
    );
    const b = p.busy;
    out.push(
      `  with ${b.burners} CPU burners: ${b.totalMs} ms, ${b.batches} batches of ${b.meanBatch}; longest stall ${b.maxStallMs} ms, ${b.stall.gapsOver50Ms} over 50 ms, ${b.gapsOver50PerMin}/min (idle loop before: ${b.idleMaxStallMs} ms, ${b.idleGapsOver50PerMin}/min)`,
    );
    out.push(
      `  per ${p.stall.windowMaxGapsMs.length > 1 ? '20 s window' : 'run'}, median longest stall: ${p.windowStallMs} ms quiet (${p.stallExcessMs} ms over the idle loop), ${b.windowStallMs} ms busy (${b.stallExcessMs} ms over it; ${b.gapsOver50PerMinExcess}/min more gaps over 50 ms)`,
    );
  } else out.push(`  not measured: ${r.errors.purge ?? 'skipped'}`);
  out.push('');
  const fl = r.results.fleet;
  out.push('Fleet (issue 14; CPU as % of one core, over the window)');
  if (fl) {
    for (const s of [fl.idle, fl.demo, fl.tenEngines, fl.fleet]) {
      const engines = s.engines.length > 0 ? `; ${s.engines.length} engines ${s.engineCpuPct} % each (median)` : '';
      out.push(
        `  ${s.name.padEnd(11)} ${s.dashboards.length} dashboard(s): ${s.dashboardCpuPct} % and ${s.dashboardRssMb} MB each (median; PSS ${s.dashboardPssMb} MB), peak ${s.dashboardPeakMb} MB${engines}; all ${s.totalCpuPct} %; machine ${s.machineBusyPct} % busy, load ${s.loadAverage.start} → ${s.loadAverage.end} (${s.seconds} s)`,
      );
    }
  } else out.push(`  not measured: ${r.errors.fleet ?? 'skipped'}`);
  out.push('');
  const mem = r.results.memory;
  out.push('Memory');
  if (mem) {
    out.push(
      `  peak RSS ${fmt(mem.rssMb, ' MB')} (${mem.method}; dashboard ${fmt(mem.dashboardPeakMb, ' MB')}${mem.child ? `; paging engine ${mem.child.baselineMb} → ${mem.child.peakMb} MB over ${mem.child.pages} pages` : ''})`,
    );
    if (mem.note) out.push(`  note: ${mem.note}`);
    const k = mem.historyKeyMs;
    if (k) {
      const line = (name: string, f: { firstFrameMs: number; pageShownMs: number }) =>
        `${name} ${Math.round(f.firstFrameMs)}/${Math.round(f.pageShownMs)}`;
      out.push(
        `  history screen keys, ms to first changed frame / to the new page: ${[line('H', k.open), line('PgDn (median)', k.pageDown), line('End', k.end), line('Home', k.home)].join(', ')}`,
      );
    }
  } else out.push(`  not measured: ${r.errors.memory ?? 'skipped'}`);
  out.push('');
  const inst = r.results.instances;
  out.push(
    `Many instances (N headless engines started at once, ${inst?.tasks ?? 60} tasks, ${inst?.seconds ?? 60} s per point)`,
  );
  if (inst) {
    out.push(
      `  ${'store'.padEnd(10)} ${'N'.padStart(3)} ${'ready'.padStart(7)} ${'last ready'.padStart(11)} ${'CPU/engine'.padStart(11)} ${'max'.padStart(6)} ${'conn/engine'.padStart(12)} ${'storage err'.padStart(12)} ${'overlaps'.padStart(9)} ${'runs'.padStart(5)} status`,
    );
    const rows = [
      ...inst.sqlite.map((p) => ['sqlite', p] as const),
      ...(inst.postgres ?? []).map((p) => ['postgres', p] as const),
    ];
    for (const [store, p] of rows) {
      out.push(
        `  ${store.padEnd(10)} ${String(p.n).padStart(3)} ${`${p.ready}/${p.n}`.padStart(7)} ${fmt(p.readyLastMs, ' ms').padStart(11)} ${`${p.cpuPctMedian} %`.padStart(11)} ${`${p.cpuPctMax}`.padStart(6)} ${String(p.connectionsPerEngine).padStart(12)} ${String(p.storageErrors).padStart(12)} ${String(p.overlaps).padStart(9)} ${String(p.runs).padStart(5)} ${p.statusOk ? 'ok' : 'FAILED'} ${p.statusMs} ms`,
      );
    }
    if (inst.postgresNote) out.push(`  PostgreSQL: ${inst.postgresNote}`);
  } else out.push(`  not measured: ${r.errors.instances ?? 'skipped'}`);
  out.push('');
  out.push('Budgets');
  for (const v of r.verdicts) {
    out.push(
      `  ${v.verdict.padEnd(4)} ${v.label.padEnd(52)} ${fmt(v.value).padStart(9)}  ${v.limit}${v.why ? `  (${v.why})` : ''}`,
    );
  }
  for (const [area, message] of Object.entries(r.errors)) out.push(`error in ${area}: ${message}`);
  out.push(`\n(${r.durationSec.toFixed(0)} s)`);
  return out.join('\n') + '\n';
}
