// 6. Memory: peak RSS of the dashboard on the 1M database after paging through history.
// Drives the real dashboard in a pseudo-terminal (H, then PgDn/End/Home); while the
// history screen is still a placeholder, the paging is done by an engine in a child
// process instead and its growth is added to the dashboard's peak.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR, type BenchContext } from './lib/context.js';
import { bundle } from './lib/bundle.js';
import { firstFrame } from './lib/dashboard.js';
import { KEYS, PLACEHOLDER, pressAndTime, type KeyTiming } from './lib/history-screen.js';
import { memoryOf } from './lib/pty.js';
import { median } from './lib/stats.js';
import { progress } from './lib/timing.js';

const PAGE_DOWNS = 100;

export interface KeyFigures {
  firstFrameMs: number;
  pageShownMs: number;
}

export interface MemoryResult {
  rssMb: number;
  /** How rssMb was obtained. */
  method: 'dashboard' | 'dashboard+child-paging';
  dashboardPeakMb: number | null;
  child: { baselineMb: number; peakMb: number; heapUsedMb: number; pages: number } | null;
  historyScreen: 'real' | 'placeholder' | 'unavailable';
  /** History screen keys (issue 6 budget: first changed frame ≤ 50 ms at the median); PgDn is the median of many. */
  historyKeyMs: { open: KeyFigures; pageDown: KeyFigures; end: KeyFigures; home: KeyFigures } | null;
  note: string | null;
}

const figures = (timings: KeyTiming[]): KeyFigures => ({
  firstFrameMs: median(timings.map((t) => t.firstFrameMs ?? NaN).filter((v) => !Number.isNaN(v))),
  pageShownMs: median(timings.map((t) => t.pageShownMs ?? NaN).filter((v) => !Number.isNaN(v))),
});

async function pagingChild(ctx: BenchContext): Promise<NonNullable<MemoryResult['child']>> {
  // Inside the repository, so that better-sqlite3 and drizzle/ are found from the bundle.
  const script = await bundle(join(BENCH_DIR, 'rss-child.ts'), join(ctx.outDir, 'rss-child.mjs'));
  const task = ctx.million.defs.tasks.find((t) => t.interval === '5m') ?? ctx.million.defs.tasks[0]!;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ctx.million.db, ctx.million.config, task.id, task.service], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as NonNullable<MemoryResult['child']>)
        : reject(new Error(`rss child exited ${code}: ${err}`)),
    );
  });
}

export async function measureMemory(ctx: BenchContext): Promise<MemoryResult> {
  progress('memory: dashboard on the 1M database');
  const start = await firstFrame(ctx.million.db, ctx.million.config, ctx.tmpDir);
  let dashboardPeakMb: number | null = null;
  let historyScreen: MemoryResult['historyScreen'] = 'unavailable';
  let historyKeyMs: MemoryResult['historyKeyMs'] = null;
  if (start.kind === 'frame') {
    const session = start.session;
    try {
      await session.waitQuiet(500, 5_000);
      const open = await pressAndTime(session, KEYS.open);
      historyScreen = session.screen.text().includes(PLACEHOLDER) ? 'placeholder' : 'real';
      if (historyScreen === 'real') {
        progress(`memory: history screen, ${PAGE_DOWNS}× PgDn, End, Home`);
        const downs: KeyTiming[] = [];
        for (let i = 0; i < PAGE_DOWNS; i++) downs.push(await pressAndTime(session, KEYS.pageDown));
        const end = await pressAndTime(session, KEYS.end);
        const home = await pressAndTime(session, KEYS.home);
        historyKeyMs = { open: figures([open]), pageDown: figures(downs), end: figures([end]), home: figures([home]) };
      }
      const pid = session.commandPid();
      dashboardPeakMb = pid === undefined ? null : (memoryOf(pid)?.peakMb ?? null);
    } finally {
      await session.stop('\x1b'.repeat(2) + 'q');
    }
  }
  let child: MemoryResult['child'] = null;
  if (historyScreen !== 'real') {
    progress('memory: paging the history in a child engine (the history screen is not there yet)');
    child = await pagingChild(ctx);
  }
  const growth = child ? Math.max(0, child.peakMb - child.baselineMb) : 0;
  const rssMb = dashboardPeakMb !== null ? dashboardPeakMb + growth : (child?.peakMb ?? NaN);
  return {
    rssMb: Math.round(rssMb * 10) / 10,
    method: historyScreen === 'real' ? 'dashboard' : 'dashboard+child-paging',
    dashboardPeakMb: dashboardPeakMb === null ? null : Math.round(dashboardPeakMb * 10) / 10,
    child,
    historyScreen,
    historyKeyMs,
    note:
      historyScreen === 'real'
        ? null
        : historyScreen === 'placeholder'
          ? 'the history screen is a placeholder: rssMb = the dashboard’s peak RSS on the 1M database + the growth of an engine paging the history in a child process'
          : 'the dashboard drew no frame: rssMb is the peak RSS of an engine paging the history in a child process',
  };
}
