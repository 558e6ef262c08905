// A reader of syncdeck's output that goes away (`syncdeck status | head`, a log pipe that
// closes): read commands end quietly, the headless engine stops as on SIGTERM and says so in
// its runs. src/cli/output/reader-gone.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { runSyncdeck, startSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

const LONG = join(process.cwd(), 'tests', 'fixtures', 'engine', 'long.mjs');
const OK = join(process.cwd(), 'tests', 'fixtures', 'engine', 'ok.mjs');
const isRunOf = (line: Record<string, unknown>, taskId: string) => (line.run as { taskId?: string }).taskId === taskId;

describe('readerGone', () => {
  const dir = useTempDir('syncdeck-reader-gone-');

  it('status and history whose reader closed before they wrote: exit 0, no stack trace', async () => {
    const { config, db } = writeClinic(dir(), { tasks: [task('calls', moduleHandler(LONG))] });
    for (const command of [['status'], ['status', '--json'], ['history']]) {
      const p = startSyncdeck(['--config', config, '--db', db, ...command]);
      // Closed long before the process has loaded: its first write meets a pipe without a reader.
      p.child.stdout?.destroy();
      expect(await p.exited, command.join(' ')).toBe(0);
      expect(p.stderr.join('\n'), command.join(' ')).toBe('');
    }
  });

  it("the engine stops when its log's reader goes away: its run is recorded interrupted, exit 1", async () => {
    // A pipe tells its writer that the reader left only on the next write: `ok` logs a run every second.
    const { config, db } = writeClinic(dir(), {
      tasks: [task('long', moduleHandler(LONG)), task('ok', moduleHandler(OK))],
    });
    const engine = startSyncdeck(['engine', '--config', config, '--db', db]);
    await engine.waitFor((l) => l.event === 'run-started' && isRunOf(l, 'long'), 'the long run under way');
    engine.child.stdout?.destroy();
    expect(await engine.exited).toBe(1);
    const history = await runSyncdeck(['--config', config, '--db', db, 'history', '--task', 'long', '--json']);
    const runs = JSON.parse(history.stdout) as { outcome: string; message: string }[];
    expect(runs[0]).toMatchObject({
      outcome: 'interrupted',
      message: "syncdeck engine stopped (its log's reader went away)",
    });
  });
});
