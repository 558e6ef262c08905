// The budgets of issue 7 (and issue 6's key-press budget, issue 13's bytes over SSH), checked against the figures.

export type Figures = Record<string, number | null>;

export interface Budget {
  key: string;
  label: string;
  limit: string;
  ok: (value: number) => boolean;
}

export const BUDGETS: readonly Budget[] = [
  { key: 'firstFrameMs', label: 'first frame, empty database', limit: '≤ 300 ms', ok: (v) => v <= 300 },
  { key: 'firstFrameMs1M', label: 'first frame, 1 000 000 runs', limit: '≤ 300 ms', ok: (v) => v <= 300 },
  {
    key: 'firstFrameDemoRatioToNode',
    label: 'first frame of the demo ÷ bare node in the same terminal',
    limit: '≤ 2×',
    ok: (v) => v <= 2,
  },
  {
    key: 'statusJsonRatioToNode',
    label: 'status --json (1M) ÷ node -e 0, spawn → exit',
    limit: '≤ 2.5×',
    ok: (v) => v <= 2.5,
  },
  { key: 'bytesProgressTick', label: 'one progress-bar change', limit: '≤ 300 bytes', ok: (v) => v <= 300 },
  { key: 'bytesIdlePerSec', label: 'idle output', limit: '≤ 100 bytes/s', ok: (v) => v <= 100 },
  { key: 'bytesCursorMove', label: 'one cursor move (j)', limit: '≤ 400 bytes', ok: (v) => v <= 400 },
  {
    key: 'bytesCountdownPerTask',
    label: 'one countdown second, per task counting down',
    limit: '≤ 15 bytes',
    ok: (v) => v <= 15,
  },
  { key: 'bytesDemoPerSec', label: 'the demo at 120×40, per second', limit: '≤ 250 bytes/s', ok: (v) => v <= 250 },
  { key: 'historyPageMedianMs', label: 'history page, median (worst case)', limit: '≤ 5 ms', ok: (v) => v <= 5 },
  {
    key: 'historyPageRatioToRaw',
    label: 'history page vs raw better-sqlite3 (worst case)',
    limit: '≤ 3×',
    ok: (v) => v <= 3,
  },
  {
    key: 'engineRatioTimesWrites',
    label: 'engine runs/s ÷ raw inserts/s × writes per run (issue 14: 0.10 now, 0.30 the goal)',
    limit: '≥ 0.10',
    ok: (v) => v >= 0.1,
  },
  { key: 'purgeMaxStallMs', label: 'longest event-loop stall during purge', limit: '≤ 50 ms', ok: (v) => v <= 50 },
  {
    key: 'purgeMaxStallMsBusy',
    label: 'the same while CPU burners keep every core busy (issue 14)',
    limit: '≤ 50 ms',
    ok: (v) => v <= 50,
  },
  {
    key: 'idleDashboardCpuPct',
    label: 'idle dashboard, 30 tasks at 1h, CPU (% of a core; issue 14)',
    limit: '≤ 1 %',
    ok: (v) => v <= 1,
  },
  { key: 'idleDashboardRssMb', label: 'idle dashboard, RSS (issue 14)', limit: '≤ 100 MB', ok: (v) => v <= 100 },
  {
    key: 'demoDashboardCpuPct',
    label: 'dashboard on the demo, CPU (% of a core; issue 14)',
    limit: '≤ 3 %',
    ok: (v) => v <= 3,
  },
  { key: 'demoDashboardRssMb', label: 'dashboard on the demo, RSS (issue 14)', limit: '≤ 100 MB', ok: (v) => v <= 100 },
  {
    key: 'busyDashboardCpuPct',
    label: 'dashboard while 10 headless engines run 60 tasks, CPU (issue 14)',
    limit: '≤ 3 %',
    ok: (v) => v <= 3,
  },
  { key: 'busyDashboardPeakRssMb', label: 'the same, peak RSS (issue 14)', limit: '≤ 110 MB', ok: (v) => v <= 110 },
  {
    key: 'demoDashboardCpuPctSteady',
    label: 'dashboard on the demo, CPU from its 60th second (% of a core; issue 14)',
    limit: '≤ 3 %',
    ok: (v) => v <= 3,
  },
  {
    key: 'busyDashboardCpuPctSteady',
    label: 'dashboard beside 10 engines, CPU from its 60th second (issue 14)',
    limit: '≤ 3 %',
    ok: (v) => v <= 3,
  },
  {
    key: 'fleetDashboardCpuPct',
    label: '20 dashboards + 3 engines, 60 tasks: CPU per dashboard, median (issue 14)',
    limit: '≤ 3 %',
    ok: (v) => v <= 3,
  },
  {
    key: 'fleetDashboardRssMb',
    label: 'the same, RSS per dashboard, median (issue 14)',
    limit: '≤ 110 MB',
    ok: (v) => v <= 110,
  },
  { key: 'rssMb', label: 'peak RSS after paging history, 1M runs', limit: '≤ 120 MB', ok: (v) => v <= 120 },
  {
    key: 'instancesSqliteN40ReadyMs',
    label: '40 engines started at once on SQLite: last one ready',
    limit: '≤ 10 s',
    ok: (v) => v <= 10_000,
  },
  {
    key: 'instancesPgN40ReadyMs',
    label: '40 engines started at once on PostgreSQL: last one ready',
    limit: '≤ 10 s',
    ok: (v) => v <= 10_000,
  },
  {
    key: 'instancesSqliteN40CpuPct',
    label: 'CPU per idle engine, 40 on SQLite (% of a core)',
    limit: '≤ 0.3 %',
    ok: (v) => v <= 0.3,
  },
  {
    key: 'instancesPgN40CpuPct',
    label: 'CPU per idle engine, 40 on PostgreSQL (% of a core)',
    limit: '≤ 0.3 %',
    ok: (v) => v <= 0.3,
  },
  {
    key: 'instancesPgN40Connections',
    label: 'PostgreSQL connections per engine (40 engines)',
    limit: '≤ 1',
    ok: (v) => v <= 1,
  },
  {
    key: 'instancesStorageErrors',
    label: 'storage errors logged by the engines, all points',
    limit: '0',
    ok: (v) => v === 0,
  },
  { key: 'instancesOverlaps', label: 'overlapping runs of one task, all points', limit: '0', ok: (v) => v === 0 },
  {
    key: 'historyKeyToFrameMs',
    label: 'history key → first changed frame, median, worst key (issue 6)',
    limit: '≤ 50 ms',
    ok: (v) => v <= 50,
  },
];

export interface Verdict {
  key: string;
  label: string;
  limit: string;
  value: number | null;
  verdict: 'pass' | 'FAIL' | 'n/a';
  why: string | null;
}

/** `unavailable` explains figures that could not be measured (or not as the budget means). */
export function verdicts(figures: Figures, unavailable: Record<string, string>): Verdict[] {
  return BUDGETS.map((b) => {
    const value = figures[b.key] ?? null;
    const why = unavailable[b.key] ?? null;
    if (value === null || Number.isNaN(value) || why !== null)
      return { key: b.key, label: b.label, limit: b.limit, value, verdict: 'n/a', why };
    return { key: b.key, label: b.label, limit: b.limit, value, verdict: b.ok(value) ? 'pass' : 'FAIL', why };
  });
}
