// The real dashboard in a real terminal (tmux) as the terminal type and keys decide:
// TERM=dumb or an unknown TERM gets the status table; a vt220 gets no colour; keys sent
// together in one send-keys (one read) are each handled, two Escapes included.
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { meAs, moduleHandler, task, writeClinic } from '../helpers/clinic-config.js';
import { BIN, runSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TmuxPane } from '../helpers/tmux.js';

const dir = useTempDir('syncdeck-term-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'engine');

const panes: TmuxPane[] = [];
afterEach(() => {
  for (const pane of panes.splice(0)) pane.kill();
});

/** Tasks of a role the user does not have: nothing runs by itself. One failing run, one good one, made with the CLI. */
async function clinic() {
  const paths = writeClinic(dir(), {
    users: [meAs(['admin'], true)],
    tasks: [
      task('ok', moduleHandler(join(fixtures, 'ok.mjs')), { role: 'reception', every: 'interval: 1h' }),
      task('auth', moduleHandler(join(fixtures, 'fail-auth.mjs')), { role: 'reception', every: 'interval: 1h' }),
      task('more', moduleHandler(join(fixtures, 'ok.mjs')), { role: 'reception', every: 'interval: 1h' }),
    ],
  });
  for (const id of ['ok', 'auth']) await runSyncdeck(['run', id, '--config', paths.config, '--db', paths.db]);
  return paths;
}

/** syncdeck in a pane, then a shell line that shows it ended; NO_COLOR is not set there, so colour is the terminal's call. */
function open(paths: { config: string; db: string }, env: Record<string, string>): TmuxPane {
  const script = '"$@"; echo "EXIT=$?"; sleep 60';
  const pane = new TmuxPane(
    [
      'env',
      '-u',
      'NO_COLOR',
      'sh',
      '-c',
      script,
      'sh',
      process.execPath,
      BIN,
      '--config',
      paths.config,
      '--db',
      paths.db,
    ],
    {
      columns: 120,
      rows: 40,
      env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...env },
    },
  );
  panes.push(pane);
  return pane;
}

const dashboard = (pane: TmuxPane) =>
  pane.waitForScreen((s) => s.includes('Task more') && s.includes('q quit'), 'the dashboard');
// SGR with a colour: 30-37, 39, 40-47, 49, 90-97, 100-107, 38;…, 48;…
const COLOR_SGR = /\u001b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

for (const term of ['dumb', 'blorp-unknown']) {
  test(`TERM=${term}: the status table and a hint, never the full-screen dashboard`, { timeout: 60_000 }, async () => {
    const pane = open(await clinic(), { TERM: term });
    const screen = await pane.waitForScreen(/EXIT=0/, 'syncdeck to end');
    expect(screen).toMatch(/STATUS\s+TASK/);
    expect(screen).toMatch(/error\/auth/);
    expect(screen).toContain(`TERM=${term}`);
    expect(screen).toContain('this is `syncdeck status`');
    const raw = pane.raw().toString('latin1');
    expect(raw).not.toContain('\u001b[?1049h');
    expect(raw).not.toMatch(/\u001b\[\d*[ABCDHJK]/);
  });
}

test(
  'TERM=vt220 (no colours in terminfo): the dashboard without a single colour; xterm-256color has them',
  { timeout: 90_000 },
  async () => {
    const paths = await clinic();
    const vt220 = open(paths, { TERM: 'vt220' });
    await dashboard(vt220);
    await vt220.quit((s) => /EXIT=0/.test(s));
    const mono = vt220.raw().toString('latin1');
    expect(mono).toContain('\u001b[?1049h');
    expect(mono).not.toMatch(COLOR_SGR);

    const xterm = open(paths, { TERM: 'xterm-256color' });
    await dashboard(xterm);
    await xterm.quit((s) => /EXIT=0/.test(s));
    expect(xterm.raw().toString('latin1')).toMatch(COLOR_SGR);
  },
);

test(
  'keys sent together: Escape Escape closes the info popup and the history; arrows and PgDn among letters all count',
  { timeout: 90_000 },
  async () => {
    const pane = open(await clinic(), { TERM: 'xterm-256color' });
    const first = await dashboard(pane);
    // The task rows, top to bottom: a status word, then the name.
    const order = first
      .split('\n')
      .flatMap((line) => /^.{0,3}(?:Waiting|Unavailable)\s+(Task \w+)/.exec(line)?.[1] ?? []);
    expect(order).toHaveLength(3);

    // j Down k PgDn Up, in one read: 0 → 1 → 2 → 1 → 2 (the last) → 1.
    pane.sendKeys('j', 'Down', 'k', 'PageDown', 'Up');
    await pane.waitForScreen(
      (s) => s.split('\n').some((line) => line.startsWith('›') && line.includes(order[1]!)),
      `the cursor on ${order[1]}`,
    );

    pane.sendKeys('H');
    await pane.waitForScreen((s) => s.includes('History of synchronisations') && s.includes('Task auth'));
    pane.sendKeys('i');
    await pane.waitForScreen(/Synchronisation information · run #\d+/, 'the popup');
    pane.sendKeys('Escape', 'Escape');
    const back = await pane.waitForScreen((s) => s.includes('Integration status'), 'both screens closed');
    expect(back).not.toContain('Synchronisation information');
    expect(back).not.toContain('History of synchronisations');

    await pane.quit((s) => /EXIT=0/.test(s));
  },
);
