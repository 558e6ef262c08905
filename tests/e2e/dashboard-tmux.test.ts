// The real, built `syncdeck` dashboard in a real terminal (tmux, 120×40, without CI in its
// environment): keys pressed with send-keys, the screen read with capture-pane. Issue 5:
// run a task, stop it, quit, and the terminal is restored. Issue 6: history, errors only,
// the information popup. And SIGTERM / SIGHUP restore the terminal too.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { silentTcpServer } from '../helpers/silent-tcp.js';
import { BIN, runSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TmuxPane } from '../helpers/tmux.js';

const dir = useTempDir('syncdeck-tmux-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'engine');
const me = userInfo().username;

const panes: TmuxPane[] = [];
afterEach(() => {
  for (const pane of panes.splice(0)) pane.kill();
});

/**
 * The OS user is an admin who may run every task; the tasks' role is one the user does not
 * have, so nothing runs on its own and every run in these tests is started by a key.
 */
function writeConfig(): { config: string; db: string } {
  const config = join(dir(), 'clinic.yaml');
  const task = (id: string, name: string, type: string, service: string, module: string) =>
    `  - { id: ${id}, name: ${name}, type: ${type}, service: ${service}, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, module)} } }`;
  writeFileSync(
    config,
    [
      'engine: { leaseTtl: 3s, heartbeat: 1s, stopGrace: 1s }',
      'users:',
      `  - { name: ${JSON.stringify(me)}, roles: [admin], permissions: [integration-settings] }`,
      'services:',
      '  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }',
      '  - { id: leads, name: Lead aggregator, baseUrl: "http://127.0.0.1:9" }',
      'tasks:',
      task('long', 'Long import', 'calls', 'telephony', 'long.mjs'),
      task('ok', 'Quick check', 'leads', 'leads', 'ok.mjs'),
      task('auth', 'Expired token', 'leads', 'leads', 'fail-auth.mjs'),
      '',
    ].join('\n'),
  );
  return { config, db: join(dir(), 'clinic.db') };
}

/**
 * syncdeck between two marker lines of a shell, so that after it ends the pane shows what
 * the terminal holds then: the lines before it, its exit code, whether the terminal is back
 * in cooked mode, and a last line. The shell then stays (a pane whose program has ended is
 * redrawn by tmux, which would hide what is being checked); the server is killed after the test.
 */
function startDashboard(paths: { config: string; db: string }, env: Record<string, string> = {}): TmuxPane {
  const script =
    'echo BEFORE; "$@"; echo "EXIT=$?"; if stty -a | grep -q -- -icanon; then echo RAW; else echo COOKED; fi; echo AFTER; sleep 60';
  const pane = new TmuxPane(
    ['sh', '-c', script, 'sh', process.execPath, BIN, '--config', paths.config, '--db', paths.db],
    {
      columns: 120,
      rows: 40,
      env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...env },
    },
  );
  panes.push(pane);
  return pane;
}

/** The syncdeck process: the pane's shell's child. */
function syncdeckPid(pane: TmuxPane): number {
  const shell = pane.pid();
  const [child] = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/);
  if (!child) throw new Error('syncdeck is not running in the pane');
  return Number(child);
}

/** The alternate screen is left, the cursor shown, cooked mode back, and the process exited 0. */
async function expectRestored(pane: TmuxPane): Promise<void> {
  const screen = await pane.waitForScreen((s) => s.includes('AFTER'), 'the shell to go on after syncdeck');
  expect(screen).toMatch(/^BEFORE\nEXIT=0\nCOOKED\nAFTER$/m);
  for (const dashboardText of ['Integration status', 'History of synchronisations', 'quit'])
    expect(screen).not.toContain(dashboardText);
  expect(pane.format('alternate_on')).toBe('0');
  expect(pane.format('cursor_flag')).toBe('1');
}

const ready = (pane: TmuxPane) =>
  pane.waitForScreen((s) => s.includes('Long import') && s.includes('q quit'), 'the dashboard');

describe('the dashboard in a real terminal', () => {
  test(
    'issue 5: run a task with r, see it running, stop it with s and y, see it cancelled, quit with q',
    { timeout: 60_000 },
    async () => {
      const pane = startDashboard(writeConfig());
      await ready(pane);
      expect(pane.format('alternate_on')).toBe('1');
      expect(pane.screen()).toMatch(/Unavailable\s+Long import/);

      pane.sendKeys('r');
      await pane.waitForScreen(/Started Long import \(run #\d+\)/);
      await pane.waitForScreen(/\d+%\s+Long import/, 'the progress bar');
      await pane.waitForScreen(/Current run · Long import/);

      pane.sendKeys('s');
      await pane.waitForScreen(/Stop Long import\? \[y\/N\]/);
      pane.sendKeys('y');
      await pane.waitForScreen(/Long import.*\(Cancelled\)/, 'the last run cancelled');

      await pane.quit((s) => s.includes('AFTER'));
      await expectRestored(pane);
    },
  );

  test(
    'issue 6: H opens the history, the filter panel narrows it to errors, i opens the popup, Esc closes it',
    { timeout: 60_000 },
    async () => {
      const paths = writeConfig();
      // Two runs to look at, made by the CLI beforehand: one success, one auth error.
      expect((await runSyncdeck(['run', 'ok', '--config', paths.config, '--db', paths.db])).code).toBe(0);
      expect((await runSyncdeck(['run', 'auth', '--config', paths.config, '--db', paths.db])).code).toBe(1);
      const pane = startDashboard(paths);
      await ready(pane);

      pane.sendKeys('H');
      await pane.waitForScreen(
        (s) => s.includes('History of synchronisations with external services · 2 runs') && s.includes('Quick check'),
      );
      // The names are whole once the catalogue (which sizes the columns) has come, a moment after the rows.
      await pane.waitForScreen(
        /Expired token\s+Lead aggregator\s+Receiving leads\s+Error \(auth\)\s+\S+\s+\S+\s+\S+\s+i$/m,
      );

      pane.sendKeys('f');
      await pane.waitForScreen(/▶ Service/);
      pane.sendKeys('Tab', 'Tab');
      await pane.waitForScreen(/▶ Outcome/);
      pane.sendKeys('Down');
      await pane.waitForScreen(/› Errors only/);
      pane.sendKeys('Enter');
      const errors = await pane.waitForScreen(
        (s) => s.includes('Filter: errors only') && s.includes('· 1 run'),
        'errors only',
      );
      expect(errors).toContain('Expired token');
      expect(errors).not.toContain('Quick check');

      pane.sendKeys('i');
      const info = await pane.waitForScreen(
        (s) => s.includes('Synchronisation information') && s.includes('Progress log'),
        'the popup',
      );
      expect(info).toContain('Error (auth)');
      expect(info).toContain('401 Unauthorized: token expired');
      expect(info).toMatch(/Details kept until \d+ \w+ \d\d:\d\d/);

      pane.sendKeys('Escape');
      const closed = await pane.waitForScreen((s) => !s.includes('Synchronisation information'), 'the popup to close');
      expect(closed).toContain('Filter: errors only');

      pane.sendKeys('Escape');
      await pane.waitForScreen(/Integration status/);
      await pane.quit((s) => s.includes('AFTER'));
      await expectRestored(pane);
    },
  );

  test(
    'a bad config found while the engine starts: the terminal is restored, the message stays, exit 2',
    { timeout: 60_000 },
    async () => {
      const paths = writeConfig();
      writeFileSync(paths.config, readFileSync(paths.config, 'utf8').replace('interval: 1h', 'interval: often'));
      const pane = startDashboard(paths);
      const screen = await pane.waitForScreen((s) => s.includes('AFTER'), 'the shell to go on after syncdeck');
      expect(screen).toMatch(/^syncdeck: .*clinic\.yaml.*interval/m);
      expect(screen).toMatch(/^EXIT=2\nCOOKED\nAFTER$/m);
      expect(pane.format('alternate_on')).toBe('0');
      expect(pane.format('cursor_flag')).toBe('1');
    },
  );

  test(
    'q while the engine is still starting (a database server that never answers): the terminal is back at once, exit 0',
    { timeout: 60_000 },
    async () => {
      // Takes the connection and never answers: the engine would wait for its 30 s connect timeout.
      const silent = await silentTcpServer();
      const { port } = silent;
      try {
        const pane = startDashboard({ ...writeConfig(), db: `postgres://syncdeck@127.0.0.1:${port}/syncdeck` });
        await pane.waitForScreen(
          (s) => s.includes('starting the engine') && s.includes('q quit'),
          'the starting screen',
        );
        pane.sendKeys('q');
        await expectRestored(pane);
      } finally {
        silent.close();
      }
    },
  );

  test(
    'the preview: while the engine is held up (another process holds the write lock), the first frame shows the tasks from the database; r is held (the status line says so, no run yet); the engine then takes over and starts the run',
    { timeout: 60_000 },
    async () => {
      const paths = writeConfig();
      // A config cache of the test's own, warmed (with the database created) by a `status` as any earlier start would have.
      const env = { XDG_CACHE_HOME: join(dir(), 'cache') };
      expect((await runSyncdeck(['--config', paths.config, '--db', paths.db, 'status'], env)).code).toBe(0);
      const lock = new Database(paths.db);
      lock.exec('BEGIN IMMEDIATE'); // the engine's first write waits for it (the store retries)
      try {
        const pane = startDashboard(paths, env);
        const screen = await pane.waitForScreen(
          (s) => s.includes('Long import') && s.includes('q quit'),
          'the preview',
        );
        expect(screen).toContain('starting the engine');
        expect(screen).not.toContain('Loading tasks');
        pane.sendKeys('r');
        await pane.waitForScreen(/Long import runs as soon as it is ready/);
        expect(lock.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 0 });
        lock.exec('COMMIT');
        lock.close();
        // The held r is put to the engine once it is ready: no second key.
        await pane.waitForScreen(
          (s) =>
            /instance \S+/.test(s) && !s.includes('starting the engine') && /Started Long import \(run #\d+\)/.test(s),
          'the engine taking over and starting the held run',
        );
        await pane.quit((s) => s.includes('AFTER'));
        await expectRestored(pane);
      } finally {
        if (lock.open) lock.close();
      }
    },
  );

  test(
    'the preview: r, then q before the engine is ready: the held run is dropped when the engine comes ready as the dashboard closes, and no run is recorded',
    { timeout: 60_000 },
    async () => {
      const paths = writeConfig();
      const env = { XDG_CACHE_HOME: join(dir(), 'cache') };
      expect((await runSyncdeck(['--config', paths.config, '--db', paths.db, 'status'], env)).code).toBe(0);
      const lock = new Database(paths.db);
      lock.exec('BEGIN IMMEDIATE');
      try {
        const pane = startDashboard(paths, env);
        await pane.waitForScreen((s) => s.includes('Long import') && s.includes('starting the engine'), 'the preview');
        pane.sendKeys('r');
        await pane.waitForScreen(/Long import runs as soon as it is ready/);
        pane.sendKeys('q');
        // The screen is given back at once; the process waits for its engine to start and close.
        await pane.waitForScreen((s) => s.includes('BEFORE') && !s.includes('Long import'), 'the screen closed');
        lock.exec('COMMIT');
        await expectRestored(pane);
        expect(lock.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 0 });
      } finally {
        lock.close();
      }
    },
  );

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    test(`${signal} to syncdeck restores the terminal`, { timeout: 60_000 }, async () => {
      const pane = startDashboard(writeConfig());
      await ready(pane);
      process.kill(syncdeckPid(pane), signal);
      await expectRestored(pane);
    });
  }
});
