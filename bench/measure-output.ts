// 2. Output over SSH: bytes written to a 120×40 terminal showing 30 tasks for one
// progress-bar change, one cursor move, one new run arriving, one second of countdowns
// (per task counting down), and per second while idle; beside each, what a full repaint
// of the same frame costs (Ink's default rendering). Then the demo's bytes per second.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { BenchContext } from './lib/context.js';
import { firstFrame } from './lib/dashboard.js';
import { generateDataset } from './lib/dataset.js';
import { measureDemoOutput } from './lib/demo-output.js';
import type { BenchTask } from './lib/gen-definitions.js';
import { recordFinishedRun } from './lib/new-run.js';
import type { PtySession } from './lib/pty.js';
import { median } from './lib/stats.js';
import { now, progress, sleep, waitUntil } from './lib/timing.js';

const CONTROLLED_MODULE = fileURLToPath(new URL('./fixtures/controlled.mjs', import.meta.url));
const REPS = 5;
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
/** Progress values whose bar (6 cells at 120 columns) differs by one filled cell each. */
const PROGRESS_STEPS = [17, 34, 51, 68, 85];

export interface Scenario {
  /** Median bytes per event. */
  bytes: number;
  samples: number[];
  /** Ink's default rendering of the frame on screen after the event (estimate from the emulated screen). */
  fullRepaintBytes: number;
  /** Events after which the screen did not show what was expected (0 = every sample checked out). */
  unverified: number;
}

export type OutputResult =
  | {
      available: true;
      progressTick: Scenario;
      cursorMove: Scenario;
      newRun: Scenario;
      idleBytesPerSec: number;
      idleSeconds: number;
      countdown: Countdown;
      demoBytesPerSec: number;
      demoSeconds: number;
      fullRepaintBytes: number;
      visibleTasks: number;
      /** Process start → first complete frame with this 30-task config (one start: compare with the 500-task figure). */
      firstFrameMs: number;
    }
  | { available: false; reason: string };

export interface Countdown {
  /** Median bytes of one countdown second, divided by the tasks counting down on screen. */
  bytesPerTask: number;
  /** Bytes of each countdown second observed. */
  samples: number[];
  tasks: number;
}

const TASK_NAME = /(Calls|Leads|Schedule|Reminders|Lab results) #\d+ · \S/g;

function visibleTaskNames(s: PtySession): Set<string> {
  return new Set(s.screen.text().match(TASK_NAME) ?? []);
}

interface Wait {
  firstByteMs: number;
  quietMs: number;
  maxMs: number;
}

async function scenario(
  session: PtySession,
  reps: number,
  act: (i: number) => void | Promise<void>,
  wait: Wait,
  expect?: (i: number) => string,
): Promise<Scenario> {
  const samples: number[] = [];
  const repaints: number[] = [];
  let unverified = 0;
  for (let i = 0; i < reps; i++) {
    const from = now();
    await act(i);
    const r = await session.settle(from, wait);
    samples.push(r.bytes);
    repaints.push(session.screen.fullRepaintBytes());
    if (r.bytes === 0 || (expect && !session.screen.text().includes(expect(i)))) unverified++;
    await sleep(150);
  }
  return { bytes: median(samples), samples, fullRepaintBytes: median(repaints), unverified };
}

const COUNTDOWN = /\bin \d+s\b/g;
const COUNTDOWN_SECONDS = 6;

/** Bursts of output (chunks closer than `gapMs`) that started in [from, to): their byte counts. */
function bursts(session: PtySession, from: number, to: number, gapMs: number): number[] {
  const sizes: number[] = [];
  let last = -Infinity;
  for (const c of session.chunks) {
    if (c.at < from || c.at >= to) continue;
    if (c.at - last > gapMs) sizes.push(0);
    sizes[sizes.length - 1]! += c.bytes;
    last = c.at;
  }
  return sizes;
}

const STAND_IN = 'bench-countdown-stand-in';

/**
 * A live engine that holds every task's role, in the instances table only: the dashboard's
 * user holds none of them, and a task no live instance may run shows no next run (issue 12).
 * Its heartbeat is kept fresh while the countdown is measured; it never starts a run.
 */
function standInEngine(raw: Database.Database, roles: string[]): { stop(): void } {
  const at = Date.now();
  raw
    .prepare(
      `INSERT OR REPLACE INTO instances (id, user, host, pid, kind, started_at, heartbeat_at, stopped_at, roles, schedules)
       VALUES (?, 'bench', 'bench-host', 1, 'engine', ?, ?, NULL, ?, 1)`,
    )
    .run(STAND_IN, at, at, JSON.stringify([...new Set(roles)]));
  const beat = raw.prepare('UPDATE instances SET heartbeat_at = ? WHERE id = ?');
  const timer = setInterval(() => beat.run(Date.now(), STAND_IN), 1_000);
  return {
    stop() {
      clearInterval(timer);
      raw.prepare('UPDATE instances SET stopped_at = ? WHERE id = ?').run(Date.now(), STAND_IN);
    },
  };
}

/** Every task but `skipId` due in 55 s: the list counts down each second, and nothing else changes. */
async function countdownSeconds(
  session: PtySession,
  raw: Database.Database,
  skipId: string,
  roles: string[],
): Promise<Countdown> {
  const standIn = standInEngine(raw, roles);
  try {
    return await countdown(session, raw, skipId);
  } finally {
    standIn.stop();
    // The stand-in's end empties every row's next run: wait until the screen has drawn it,
    // else that repaint lands in whichever scenario comes next (a cursor move of 850 B).
    await session.waitForScreen((s) => !NEXT_RUN.test(s.text()), 15_000, 'the next runs gone with the stand-in');
    await session.waitQuiet(600, 3_000);
  }
}

/** A next run in the list ("in 55s", "in 2h"): only the stand-in engine could run these tasks. */
const NEXT_RUN = /\bin \d+[smhd]\b/;

async function countdown(session: PtySession, raw: Database.Database, skipId: string): Promise<Countdown> {
  raw.prepare('UPDATE tasks SET next_run_at = ? WHERE id <> ?').run(Date.now() + 55_000, skipId);
  await session.waitForScreen((s) => /\bin \d+s\b/.test(s.text()), 5_000, 'the countdowns');
  await session.waitQuiet(600, 3_000);
  const tasks = session.screen.text().match(COUNTDOWN)?.length ?? 0;
  const from = now();
  await sleep(COUNTDOWN_SECONDS * 1_000);
  const samples = bursts(session, from, now(), 300);
  raw.prepare('UPDATE tasks SET next_run_at = ? WHERE id <> ?').run(Date.now() + 3 * 3_600_000, skipId);
  await session.waitQuiet(1_000, 5_000);
  return { bytesPerTask: tasks ? Math.round((median(samples) / tasks) * 10) / 10 : NaN, samples, tasks };
}

export async function measureOutput(ctx: BenchContext): Promise<OutputResult> {
  const dir = join(ctx.tmpDir, 'output');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'screen.db');
  const control = join(dir, 'progress.ctl');
  let driven: BenchTask | undefined;
  const ds = await generateDataset(db, {
    runs: 20_000,
    tasks: 30,
    services: 6,
    customize: (defs) => {
      // The one task this user runs: its progress is driven through the control file.
      driven = defs.tasks[0]!;
      driven.role = 'admin';
      driven.interval = '1h';
      driven.maxInterval = '4h';
      driven.handler = { kind: 'module', module: CONTROLLED_MODULE, options: { control } };
    },
  });
  const task = driven!;
  const raw = new Database(db, { timeout: 10_000 });
  raw.pragma('synchronous = NORMAL');
  raw.prepare('UPDATE tasks SET paused = 1 WHERE id = ?').run(task.id);

  progress('output: dashboard with 30 tasks at 120×40');
  const start = await firstFrame(db, ds.config, dir);
  const session = start.session;
  if (start.kind === 'exited') {
    raw.close();
    return {
      available: false,
      reason: `the dashboard drew no frame (it exited after ${Math.round(start.ms)} ms: placeholder or failure)`,
    };
  }
  try {
    await session.waitQuiet(1_000, 6_000);
    const visible = visibleTaskNames(session);

    progress(`output: idle for ${IDLE_SECONDS} s`);
    const idleFrom = now();
    await sleep(IDLE_SECONDS * 1_000);
    const idleBytesPerSec = session.bytesBetween(idleFrom, now()) / IDLE_SECONDS;

    progress('output: countdowns');
    const countdown = await countdownSeconds(
      session,
      raw,
      task.id,
      ds.defs.tasks.map((t) => t.role),
    );

    progress('output: cursor moves');
    const keyWait = { firstByteMs: 1_000, quietMs: 200, maxMs: 1_500 };
    const cursorMove = await scenario(session, REPS, () => session.write('j'), keyWait);
    for (let i = 0; i < REPS; i++) {
      const from = now();
      session.write('k');
      await session.settle(from, keyWait);
    }

    progress('output: new runs arriving from another instance');
    const shown = (name: string) => visible.has(name.match(TASK_NAME)?.[0] ?? name);
    const others = ds.defs.tasks.filter((t) => t.id !== task.id && shown(t.name));
    const candidates = others.length >= REPS ? others : ds.defs.tasks.filter((t) => t.id !== task.id);
    // The engine notices other instances' commits once a second; the refresh follows.
    const newRun = await scenario(
      session,
      REPS,
      (i) => void recordFinishedRun(raw, candidates[i % candidates.length]!, Date.now()),
      {
        firstByteMs: 2_500,
        quietMs: 300,
        maxMs: 3_500,
      },
    );

    progress('output: progress-bar changes');
    const writeControl = (text: string) => {
      writeFileSync(`${control}.tmp`, text);
      renameSync(`${control}.tmp`, control);
    };
    writeControl('1');
    raw.prepare('UPDATE tasks SET paused = 0, next_run_at = 0 WHERE id = ?').run(task.id);
    await waitUntil(() => (existsSync(`${control}.started`) ? true : undefined), 10_000, 'the driven task to start');
    await session.waitQuiet(700, 5_000);
    const progressTick = await scenario(
      session,
      PROGRESS_STEPS.length,
      (i) => writeControl(String(PROGRESS_STEPS[i])),
      { firstByteMs: 1_000, quietMs: 200, maxMs: 1_500 },
      (i) => `${PROGRESS_STEPS[i]}%`,
    );
    writeControl('finish');
    await session.waitQuiet(500, 3_000);
    await session.stop('q');

    const demo = await measureDemoOutput(ctx.tmpDir);
    return {
      available: true,
      progressTick,
      cursorMove,
      newRun,
      idleBytesPerSec,
      idleSeconds: IDLE_SECONDS,
      countdown,
      demoBytesPerSec: demo.bytesPerSec,
      demoSeconds: demo.seconds,
      fullRepaintBytes: median([progressTick.fullRepaintBytes, cursorMove.fullRepaintBytes, newRun.fullRepaintBytes]),
      visibleTasks: visible.size,
      firstFrameMs: Math.round(start.ms),
    };
  } finally {
    await session.stop('q');
    raw.close();
  }
}
