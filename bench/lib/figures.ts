// Turns the measurements into the flat figures of `npm run bench -- --json` and says
// which ones could not be measured, or not in the sense their budget means.
import type { EngineResult } from '../measure-engine.js';
import type { FleetResult } from '../measure-fleet.js';
import type { HistoryResult } from '../measure-history.js';
import type { InstancesPoint, InstancesResult } from '../measure-instances.js';
import type { MemoryResult } from '../measure-memory.js';
import type { OutputResult } from '../measure-output.js';
import type { PurgeResult } from '../measure-purge.js';
import type { StartupResult } from '../measure-startup.js';
import type { Figures } from './budgets.js';

export interface Results {
  startup?: StartupResult;
  output?: OutputResult;
  history?: HistoryResult;
  engine?: EngineResult;
  memory?: MemoryResult;
  purge?: PurgeResult;
  fleet?: FleetResult;
  instances?: InstancesResult;
}

export interface Flattened {
  figures: Figures;
  /** Figure key → why it is missing or not what its budget means. */
  unavailable: Record<string, string>;
  /** Per filter: engine median/p95, raw median/p95, ratio. */
  history: Record<
    string,
    { medianMs: number; p95Ms: number; rawMedianMs: number; rawP95Ms: number; ratio: number; label: string }
  >;
}

const STARTUP = [
  'firstFrameMs',
  'firstFrameMs1M',
  'statusJsonMs',
  'firstFrameMsDemo',
  'firstFrameDemoRatioToNode',
  'firstFrameRatioToNode',
  'firstFrameRatioToNode1M',
  'statusJsonRatioToNode',
  'engineFrameMs1M',
  'engineFrameMsDemo',
];
const OUTPUT = [
  'bytesProgressTick',
  'bytesCursorMove',
  'bytesNewRun',
  'bytesIdlePerSec',
  'bytesCountdownPerTask',
  'bytesDemoPerSec',
  'bytesFullRepaint',
  'firstFrameMs30Tasks',
];
const HISTORY = ['historyPageMedianMs', 'historyPageP95Ms', 'historyPageRatioToRaw'];
const ENGINE = [
  'engineRunsPerSec',
  'engineRatioToRawInserts',
  'engineRawInsertsPerSec',
  'engineWritesPerRun',
  'engineRatioTimesWrites',
];
const PURGE = [
  'purgeTotalMs',
  'purgeMaxStallMs',
  'purgeMaxStallMsBusy',
  'purgeTotalMsBusy',
  'purgeIdleMaxStallMs',
  'purgeIdleMaxStallMsBusy',
  'purgeWindowStallMs',
  'purgeWindowStallMsBusy',
  'purgeStallExcessMs',
  'purgeStallExcessMsBusy',
  'purgeGapsOver50PerMinExcessBusy',
];
const FLEET = [
  'fleetDashboardCpuPct',
  'fleetDashboardRssMb',
  'fleetDashboardPssMb',
  'fleetEngineCpuPct',
  'fleetTotalCpuPct',
  'fleetMachineBusyPct',
  'idleDashboardCpuPct',
  'idleDashboardRssMb',
  'demoDashboardCpuPct',
  'demoDashboardRssMb',
  'busyDashboardCpuPct',
  'busyDashboardPeakRssMb',
  'demoDashboardCpuPctSteady',
  'busyDashboardCpuPctSteady',
];
const MEMORY = ['rssMb', 'historyKeyToFrameMs', 'historyKeyToPageMs'];

export function flatten(r: Results, errors: Record<string, string>): Flattened {
  const figures: Figures = {};
  const unavailable: Record<string, string> = {};
  const missing = (keys: string[], why: string) => {
    for (const k of keys) {
      figures[k] = null;
      unavailable[k] = why;
    }
  };

  if (r.startup) {
    figures.firstFrameMs = r.startup.empty.medianMs;
    figures.firstFrameMs1M = r.startup.million.medianMs;
    figures.statusJsonMs = r.startup.statusJson.medianMs;
    // Beside a bare node started the same way (issue 14): these hold on a busy machine, where milliseconds do not.
    const ratio = (ms: number, bare: number) => Math.round((ms / bare) * 100) / 100;
    figures.firstFrameMsDemo = r.startup.demo.medianMs;
    figures.firstFrameDemoRatioToNode = ratio(r.startup.demo.medianMs, r.startup.bareFrame.medianMs);
    figures.firstFrameRatioToNode = ratio(r.startup.empty.medianMs, r.startup.bareFrame.medianMs);
    figures.firstFrameRatioToNode1M = ratio(r.startup.million.medianMs, r.startup.bareFrame.medianMs);
    figures.statusJsonRatioToNode = ratio(r.startup.statusJson.medianMs, r.startup.bareExit.medianMs);
    // No budget: the first frame may be had at the engine's expense (its worker starts after it).
    figures.engineFrameMs1M = r.startup.engineMillion.medianMs;
    figures.engineFrameMsDemo = r.startup.engineDemo.medianMs;
    if (r.startup.mode !== 'frame')
      unavailable.firstFrameMs = unavailable.firstFrameMs1M = r.startup.note ?? 'no frame drawn';
  } else missing(STARTUP, errors.startup ?? 'not measured');

  if (r.output?.available) {
    figures.bytesProgressTick = r.output.progressTick.bytes;
    figures.bytesCursorMove = r.output.cursorMove.bytes;
    figures.bytesNewRun = r.output.newRun.bytes;
    figures.bytesIdlePerSec = Math.round(r.output.idleBytesPerSec * 10) / 10;
    figures.bytesCountdownPerTask = r.output.countdown.bytesPerTask;
    figures.bytesDemoPerSec = r.output.demoBytesPerSec;
    if (r.output.countdown.tasks === 0) unavailable.bytesCountdownPerTask = 'no countdown was on screen';
    figures.bytesFullRepaint = r.output.fullRepaintBytes;
    figures.firstFrameMs30Tasks = r.output.firstFrameMs;
  } else missing(OUTPUT, r.output && !r.output.available ? r.output.reason : (errors.output ?? 'not measured'));

  const history: Flattened['history'] = {};
  if (r.history) {
    figures.historyPageMedianMs = r.history.medianMs;
    figures.historyPageP95Ms = r.history.p95Ms;
    figures.historyPageRatioToRaw = r.history.ratioToRaw;
    for (const [name, c] of Object.entries(r.history.cases)) {
      history[name] = {
        medianMs: c.engine.medianMs,
        p95Ms: c.engine.p95Ms,
        rawMedianMs: c.raw.medianMs,
        rawP95Ms: c.raw.p95Ms,
        ratio: c.ratio,
        label: c.label,
      };
    }
  } else missing(HISTORY, errors.history ?? 'not measured');

  if (r.engine) {
    figures.engineRunsPerSec = r.engine.runsPerSec;
    figures.engineRatioToRawInserts = r.engine.ratioToRawInserts;
    figures.engineRawInsertsPerSec = r.engine.rawInsertsPerSec;
    figures.engineWritesPerRun = r.engine.writesPerRun;
    figures.engineRatioTimesWrites = r.engine.ratioTimesWrites;
  } else missing(ENGINE, errors.engine ?? 'not measured');

  if (r.purge) {
    figures.purgeTotalMs = r.purge.totalMs;
    figures.purgeMaxStallMs = r.purge.maxStallMs;
    figures.purgeMaxStallMsBusy = r.purge.busy.maxStallMs;
    figures.purgeTotalMsBusy = r.purge.busy.totalMs;
    // Like for like: the idle loop's worst gap in 20 s, the purge's per 20 s window, the difference.
    figures.purgeIdleMaxStallMs = r.purge.idleMaxStallMs;
    figures.purgeIdleMaxStallMsBusy = r.purge.busy.idleMaxStallMs;
    figures.purgeWindowStallMs = r.purge.windowStallMs;
    figures.purgeWindowStallMsBusy = r.purge.busy.windowStallMs;
    figures.purgeStallExcessMs = r.purge.stallExcessMs;
    figures.purgeStallExcessMsBusy = r.purge.busy.stallExcessMs;
    figures.purgeGapsOver50PerMinExcessBusy = r.purge.busy.gapsOver50PerMinExcess;
  } else missing(PURGE, errors.purge ?? 'not measured');

  if (r.fleet) {
    const { fleet, idle, demo, tenEngines } = r.fleet;
    figures.fleetDashboardCpuPct = fleet.dashboardCpuPct;
    figures.fleetDashboardRssMb = fleet.dashboardRssMb;
    figures.fleetDashboardPssMb = fleet.dashboardPssMb;
    figures.fleetEngineCpuPct = fleet.engineCpuPct;
    figures.fleetTotalCpuPct = fleet.totalCpuPct;
    figures.fleetMachineBusyPct = fleet.machineBusyPct;
    figures.idleDashboardCpuPct = idle.dashboardCpuPct;
    figures.idleDashboardRssMb = idle.dashboardRssMb;
    figures.demoDashboardCpuPct = demo.dashboardCpuPct;
    figures.demoDashboardRssMb = demo.dashboardRssMb;
    figures.busyDashboardCpuPct = tenEngines.dashboardCpuPct;
    figures.busyDashboardPeakRssMb = tenEngines.dashboardPeakMb;
    figures.demoDashboardCpuPctSteady = demo.steady?.dashboardCpuPct ?? null;
    figures.busyDashboardCpuPctSteady = tenEngines.steady?.dashboardCpuPct ?? null;
  } else missing(FLEET, errors.fleet ?? 'not measured');

  if (r.memory) {
    figures.rssMb = r.memory.rssMb;
    const k = r.memory.historyKeyMs;
    const worst = (pick: (f: { firstFrameMs: number; pageShownMs: number }) => number) =>
      k ? Math.round(Math.max(pick(k.open), pick(k.pageDown), pick(k.end), pick(k.home)) * 10) / 10 : null;
    figures.historyKeyToFrameMs = worst((f) => f.firstFrameMs);
    figures.historyKeyToPageMs = worst((f) => f.pageShownMs);
    if (!k) {
      unavailable.historyKeyToFrameMs = unavailable.historyKeyToPageMs =
        r.memory.historyScreen === 'placeholder'
          ? 'the history screen is a placeholder'
          : 'the dashboard drew no frame';
    }
  } else missing(MEMORY, errors.memory ?? 'not measured');

  flattenInstances(r.instances, errors.instances, figures, unavailable);
  return { figures, unavailable, history };
}

/** Per store and N: instances{Sqlite,Pg}N{n}{ReadyMs,CpuPct,Connections}; and the worst storage errors / overlaps of all points. */
function flattenInstances(
  r: InstancesResult | undefined,
  error: string | undefined,
  figures: Figures,
  unavailable: Record<string, string>,
): void {
  const put = (store: 'Sqlite' | 'Pg', p: InstancesPoint) => {
    figures[`instances${store}N${p.n}ReadyMs`] = p.readyLastMs;
    figures[`instances${store}N${p.n}CpuPct`] = p.cpuPctMedian;
    figures[`instances${store}N${p.n}Connections`] = p.connectionsPerEngine;
    if (p.readyLastMs === null)
      unavailable[`instances${store}N${p.n}ReadyMs`] = `only ${p.ready} of ${p.n} engines started`;
  };
  if (!r) {
    for (const k of ['instancesStorageErrors', 'instancesOverlaps']) {
      figures[k] = null;
      unavailable[k] = error ?? 'not measured';
    }
    return;
  }
  for (const p of r.sqlite) put('Sqlite', p);
  for (const p of r.postgres ?? []) put('Pg', p);
  const all = [...r.sqlite, ...(r.postgres ?? [])];
  figures.instancesStorageErrors = all.reduce((a, p) => a + p.storageErrors, 0);
  figures.instancesOverlaps = all.reduce((a, p) => a + p.overlaps, 0);
}
