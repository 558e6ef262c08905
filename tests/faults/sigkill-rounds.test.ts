// SIGKILL of an engine in the middle of write-heavy runs, round after round, on one
// database: nothing finished is lost, nothing unfinished stays `running`, no lease is
// held forever, and SQLite finds the file sound.
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { meAs, moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { checkIntegrity, leasedNow, readDb } from '../helpers/db-inspect.js';
import { isEvent, startSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-kill-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'faults');
/** The issue asks for 20 rounds (`npm run test:soak`); CI runs fewer unless SYNCDECK_KILL_ROUNDS says otherwise. */
const ROUNDS = Number(process.env.SYNCDECK_KILL_ROUNDS ?? 6);
/** The shortest run of the fixtures: a kill this soon after a run-started always lands inside that run. */
const SHORTEST_RUN_MS = 300;

interface Logged {
  id: number;
  outcome: string;
  finishedAt: string | null;
}

describe('SIGKILL during write-heavy runs', () => {
  it(
    `${ROUNDS} engines killed in a row lose no finished run and leave no run running or task leased`,
    { timeout: 30_000 + ROUNDS * 8_000 },
    async () => {
      const paths = writeClinic(dir(), {
        users: [meAs(['reception'], true), '{ name: observer, roles: [] }'],
        tasks: [
          task('a', moduleHandler(join(fixtures, 'chatty.mjs'))),
          task('b', moduleHandler(join(fixtures, 'chatty.mjs')), { extra: 'diagnostics: always' }),
          task('c', moduleHandler(join(fixtures, 'chatty.mjs'))),
          task(
            'd',
            `{ kind: command, command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(join(fixtures, 'chatty-command.mjs'))}] }`,
          ),
        ],
      });
      const engineArgs = ['engine', '--config', paths.config, '--db', paths.db];
      const started = new Map<number, number>(); // run id → round
      const finished = new Map<number, Logged>();
      const killedAt = new Map<number, number>(); // round → when

      for (let round = 1; round <= ROUNDS; round++) {
        const engine = startSyncdeck(engineArgs, { SYNCDECK_HOSTNAME: 'clinic-pc' });
        // Some rounds die before any run ends, others after a few have: then in the next run that starts.
        const count = (event: string) => engine.lines.filter(isEvent(event)).length;
        const finishes = Math.floor(Math.random() * 4);
        await engine.waitFor(() => count('run-finished') >= finishes, `${finishes} run-finished in round ${round}`);
        const starts = count('run-started');
        await engine.waitFor(() => count('run-started') > starts, `a run-started in round ${round}`);
        // A random moment inside the run that just started (half its shortest length: timers run late on a busy machine).
        await delay((Math.random() * SHORTEST_RUN_MS) / 2);
        killedAt.set(round, Date.now());
        engine.child.kill('SIGKILL');
        await engine.exited;
        for (const line of engine.lines) {
          const run = line.run as Logged | undefined;
          if (line.event === 'run-started' && run) started.set(run.id, round);
          if (line.event === 'run-finished' && run) finished.set(run.id, run);
        }
        expect(engine.stderr, `round ${round}: stderr`).toEqual([]);
      }

      // One more engine on the same host recovers what the last one left; as `observer` it starts nothing itself.
      const recovery = startSyncdeck([...engineArgs, '--user', 'observer'], { SYNCDECK_HOSTNAME: 'clinic-pc' });
      await recovery.waitFor(isEvent('engine-started'), 'engine-started');
      recovery.child.kill('SIGTERM');
      expect(await recovery.exited).toBe(0);

      expect(checkIntegrity(paths.db)).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
      const { runs, tasks } = await readDb(paths.db);
      const byId = new Map(runs.map((r) => [r.id, r]));
      for (const [id, logged] of finished) {
        expect(byId.get(id), `run ${id}, logged finished`).toMatchObject({
          outcome: logged.outcome,
          finishedAt: Date.parse(logged.finishedAt!),
        });
      }
      // Not logged finished: interrupted, unless it ended in the instant between its commit and its log line.
      const unfinished = [...started.keys()].filter((id) => !finished.has(id));
      for (const id of unfinished) {
        const run = byId.get(id)!;
        if (run.outcome !== 'interrupted')
          expect(run.finishedAt, `run ${id} (${run.outcome}), started but never logged finished`).toBeLessThanOrEqual(
            killedAt.get(started.get(id)!)!,
          );
      }
      // Every round killed at least the run that had just started.
      const interruptedRounds = new Set(
        unfinished.filter((id) => byId.get(id)!.outcome === 'interrupted').map((id) => started.get(id)),
      );
      expect(interruptedRounds.size).toBe(ROUNDS);
      expect(finished.size).toBeGreaterThan(0);
      expect(runs.filter((r) => r.outcome === 'running')).toEqual([]);
      expect(runs.every((r) => r.finishedAt !== null && r.finishedAt >= r.startedAt)).toBe(true);
      expect(leasedNow(tasks)).toEqual([]);
      expect(runs.every((r) => r.startedBy === 'scheduler')).toBe(true);
    },
  );
});
