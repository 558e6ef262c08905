// One cursor move over tasks whose last runs have logs, on a 120×40 TTY: the move and the
// new task's log arrive in one update of a few hundred bytes (the log was fetched while the
// cursor rested next to it), and a move onto a log not yet in hand shows "Loading the log…",
// never the log of the task the cursor left.
import { afterEach, expect, test, vi } from 'vitest';

// Ink decides at import time whether it runs in CI (then it writes only the last frame).
vi.hoisted(() => {
  process.env['CI'] = 'false';
  delete process.env['CONTINUOUS_INTEGRATION'];
});

import type { RunDetails } from '../../src/engine/types.js';
import { DashboardTerminal } from '../helpers/dashboard-terminal.js';
import { FakeEngine, makeRun, makeTask, summaryOf } from '../helpers/fake-engine.js';
import { HeadlessTerminal } from '../helpers/headless-terminal.js';

const HOUR = 3_600_000;

let session: DashboardTerminal | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

/** Twelve tasks of one type; task N's last run is run N, its log says "task N". */
function engineWithLogs(now: number): FakeEngine {
  const runs: RunDetails[] = Array.from({ length: 12 }, (_, i) => {
    const n = i + 1;
    const startedAt = now - HOUR - n * 60_000;
    return makeRun({
      id: n,
      taskId: `t${n}`,
      taskName: `Task ${n}`,
      startedAt,
      finishedAt: startedAt + 900,
      durationMs: 900,
      outcome: n === 3 ? 'error' : 'success',
      message: n === 3 ? 'connect ECONNREFUSED 10.0.0.7:443' : `${n * 7} calls`,
      log: [
        { at: startedAt, level: 'info', message: `task ${n}: GET /v1/calls page 1` },
        { at: startedAt + 900, level: n === 3 ? 'error' : 'info', message: `task ${n}: received ${n * 7} calls` },
      ],
    });
  });
  const tasks = runs.map((run) =>
    makeTask({
      id: run.taskId,
      name: run.taskName,
      nextRunAt: now + HOUR,
      lastRun: summaryOf(run),
      ...(run.outcome === 'error' ? { failures: 1, failingSince: run.startedAt } : {}),
    }),
  );
  return new FakeEngine({ tasks, runs });
}

/** Waits until the engine was asked for these runs' details (the shown run and the rows beside it). */
async function fetched(engine: FakeEngine, s: DashboardTerminal, runIds: number[]): Promise<void> {
  const asked = () => new Set(engine.callsOf('runDetails').map(([id]) => id));
  await s.waitForScreen(() => runIds.every((id) => asked().has(id)), `the details of runs ${runIds.join(', ')}`);
  await s.settle();
}

async function started(): Promise<{ s: DashboardTerminal; engine: FakeEngine }> {
  const engine = engineWithLogs(Date.now());
  session = new DashboardTerminal(engine, { columns: 120, rows: 40 });
  await session.waitForScreen((screen) => screen.includes('task 1: received'), "the first task's log");
  return { s: session, engine };
}

/** What the terminal showed after the first update written from chunk `from` on. */
async function screenAfterFirstUpdate(s: DashboardTerminal, from: number): Promise<string> {
  const term = new HeadlessTerminal(120, 40, { convertEol: true });
  await term.write(s.out.chunks.slice(0, from + 1).join(''));
  const text = term.text();
  term.dispose();
  return text;
}

test('a move onto the next task sends the cursor and its details, log included, in one update under 400 bytes', async () => {
  const { s, engine } = await started();
  // Resting on task 1, the dashboard fetched task 2's log ahead.
  await fetched(engine, s, [1, 2]);
  for (const [n, failing] of [
    [2, false],
    [3, true],
    [4, false],
  ] as const) {
    const before = s.out.chunks.length;
    s.type('j');
    await s.waitForScreen((screen) => screen.includes(`task ${n}: received`), `task ${n}'s log`);
    await fetched(engine, s, [n + 1]);
    const sent = s.out.chunks.slice(before).join('');
    expect(Buffer.byteLength(sent), `bytes of the move onto task ${n}`).toBeLessThan(400);
    expect(sent).not.toContain('Loading the log');
    const first = await screenAfterFirstUpdate(s, before);
    expect(first).toMatch(new RegExp(`^›${failing ? '!' : ' '}Waiting +Task ${n} `, 'm'));
    expect(first).toContain(`task ${n}: received ${n * 7} calls`);
    expect(first).not.toContain(`task ${n - 1}: received`);
  }
  expect(await s.differencesFromFrame()).toEqual([]);
});

test("a move onto a log not in hand shows it loading, never the last task's log", async () => {
  const { s, engine } = await started();
  await fetched(engine, s, [1, 2]);
  // Task 12's log is not fetched ahead (End jumps there) and the engine answers only when let.
  let answer: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (answer = resolve));
  const runDetails = engine.runDetails.bind(engine);
  engine.runDetails = async (runId) => {
    if (runId === 12) await held;
    return runDetails(runId);
  };
  s.type('\u001b[F');
  const loading = await s.waitForScreen((screen) => /^› .*Task 12 /m.test(screen), 'the cursor on task 12');
  expect(loading).toContain('Loading the log…');
  expect(loading).not.toMatch(/task \d+: /);
  answer();
  await s.waitForScreen((screen) => screen.includes('task 12: received 84 calls'), "task 12's log");
  expect(await s.differencesFromFrame()).toEqual([]);
});
