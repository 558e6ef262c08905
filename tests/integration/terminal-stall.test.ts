// Issue 13: a terminal that stops reading (a suspended SSH client, a half-open link) must
// not stop the process. The dashboard runs a task every second in a real pseudo-terminal
// whose reader stops reading for 45 s: the runs keep coming, frames do not pile up, and
// once the reader reads again the screen shows the current state. Afterwards the terminal is
// not left non-blocking for the shell.
import { closeSync, constants, openSync, readlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { BIN, runSyncdeck } from '../helpers/syncdeck-process.js';
import { childrenOf, fdFlags, PtyTerminal, rssMb } from '../helpers/pty-terminal.js';
import { useTempDir } from '../helpers/temp-dir.js';

const STALL_MS = 45_000;
const O_NONBLOCK = constants.O_NONBLOCK;
const OK = join(process.cwd(), 'tests', 'fixtures', 'engine', 'ok.mjs');

interface RunJson {
  id: number;
  startedAt: string;
  outcome: string;
}

async function runs(config: string, db: string): Promise<RunJson[]> {
  const r = await runSyncdeck(['history', '--json', '--limit', '1000', '--config', config, '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as RunJson[];
}

const clock = (at: Date) =>
  [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');

/** Whether the terminal can take one more byte now (a non-blocking write to the pty from outside). */
function terminalTakesOutput(pid: number): boolean {
  const fd = openSync(readlinkSync(`/proc/${pid}/fd/1`), constants.O_WRONLY | O_NONBLOCK | constants.O_NOCTTY);
  try {
    writeSync(fd, '\u0007');
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return false;
    throw error;
  } finally {
    closeSync(fd);
  }
}

describe('a terminal that stops reading', () => {
  const dir = useTempDir();

  it(
    'does not stop the runs, piles nothing up, and gets the current state when it reads again',
    { timeout: STALL_MS + 90_000 },
    async () => {
      const { config, db } = writeClinic(dir(), { tasks: [task('beat', moduleHandler(OK))] });
      // The shell prints its terminal's flags once the dashboard has ended.
      const script = '"$@"; grep -h "^flags" /proc/self/fdinfo/1';
      const pty = new PtyTerminal(['sh', '-c', script, 'sh', process.execPath, BIN, '--config', config, '--db', db]);
      const shell = await pty.pid;
      await pty.waitForScreen(
        (s) => /Started \d\d:\d\d:\d\d/.test(s) && s.includes('q quit'),
        'the dashboard with a first run',
      );
      const dashboard = childrenOf(shell)[0]!;
      expect(dashboard).toBeGreaterThan(0);
      // The dashboard's own view of the terminal is non-blocking.
      expect(fdFlags(dashboard, 1) & O_NONBLOCK).toBe(O_NONBLOCK);

      const rssBefore = rssMb(dashboard);
      await pty.stopReading();
      const stallFrom = Date.now();
      // Fill the terminal while nobody reads, until it takes nothing more: the help screen opened
      // and closed again, and repaints (Ctrl+L).
      for (let i = 0; i < 100 && terminalTakesOutput(dashboard); i++) {
        for (const key of ['?', '?', '\u000c']) {
          pty.type(key);
          await delay(30);
        }
      }
      expect(terminalTakesOutput(dashboard), 'the terminal is full').toBe(false);
      await delay(STALL_MS - (Date.now() - stallFrom));
      const stallTo = Date.now();
      const rssAfter = rssMb(dashboard);
      expect(terminalTakesOutput(dashboard), 'the terminal is still full').toBe(false);

      // About one run a second went on (a blocked event loop managed 4–5 in 45 s).
      const during = (await runs(config, db)).filter(
        (r) => Date.parse(r.startedAt) >= stallFrom && Date.parse(r.startedAt) <= stallTo,
      );
      expect(during.length).toBeGreaterThanOrEqual(STALL_MS / 1000 / 2);
      expect(during.every((r) => r.outcome === 'success')).toBe(true);
      // Memory grows as a young process warms up (about 35 MB in these 45 s while reading normally), not more.
      expect(rssAfter - rssBefore).toBeLessThan(64);

      const resumedAt = Date.now();
      await pty.resumeReading();
      // The screen catches up with the database: the run it shows is one of the latest.
      await pty.waitForScreen((s) => /Started \d\d:\d\d:\d\d/.test(s), 'the details pane');
      const latest = async () => new Set((await runs(config, db)).slice(0, 3).map((r) => clock(new Date(r.startedAt))));
      const shownRun = (s: string) => /Started (\d\d:\d\d:\d\d)/.exec(s)?.[1] ?? '';
      let recent = await latest();
      for (let tries = 0; tries < 20 && !recent.has(shownRun(pty.screen.text())); tries++) {
        await delay(250);
        recent = await latest();
      }
      const screen = pty.screen.text();
      expect(recent).toContain(shownRun(screen));
      // What waited in the full terminal, then one update to the current state: no queue of frames
      // (a hundred screens were asked for while it was full, half a megabyte had they been kept).
      expect(pty.bytesSince(resumedAt)).toBeLessThan(100_000);
      const lines = screen.split('\n');
      expect(lines[0]).toMatch(/^syncdeck · /);
      expect(lines[38]).toMatch(/^↑↓ move/);
      expect(pty.screen.scrolled).toBe(0);

      // Ctrl+C: q would ask first while a run is in progress.
      pty.type('\u0003');
      expect(await pty.exited).toBe(0);
      await pty.screen.settled();
      // The shell's terminal after the dashboard: blocking, as it was.
      const flags = /flags:\s+([0-7]+)/.exec(pty.screen.text())?.[1];
      expect(flags, pty.screen.text()).toBeDefined();
      expect(parseInt(flags!, 8) & O_NONBLOCK).toBe(0);
    },
  );
});
