// The Instances screen of the real, built dashboard in a real terminal (tmux, 120×40): a
// headless engine on another "host" runs a task; I lists both instances, w jumps from the
// task to the engine running it, and once the engine is SIGKILLed it leaves the screen
// within the lease TTL (docs/instances-and-trends.md).
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { BIN, isEvent, startSyncdeck, type SyncdeckProcess } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TmuxPane } from '../helpers/tmux.js';

const dir = useTempDir('syncdeck-instances-tmux-');
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'engine');
const me = userInfo().username;

const processes: SyncdeckProcess[] = [];
const panes: TmuxPane[] = [];
afterEach(async () => {
  for (const pane of panes.splice(0)) pane.kill();
  for (const p of processes.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

/** The OS user is an admin without the task's role (the dashboard runs nothing); the engine acts as the nurse, who has it. */
function writeConfig(): { config: string; db: string } {
  const config = join(dir(), 'clinic.yaml');
  writeFileSync(
    config,
    [
      'engine: { leaseTtl: 3s, heartbeat: 1s, stopGrace: 1s }',
      'users:',
      `  - { name: ${JSON.stringify(me)}, roles: [admin], permissions: [integration-settings] }`,
      '  - { name: nurse, roles: [reception] }',
      'services:',
      '  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }',
      'tasks:',
      `  - { id: long, name: Long import, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'long.mjs')} } }`,
      '',
    ].join('\n'),
  );
  return { config, db: join(dir(), 'clinic.db') };
}

const rowOf = (screen: string, label: string) =>
  screen.split('\n').find((l) => /^[› ] /.test(l) && l.slice(2).startsWith(label)) ?? '';

test(
  'I lists the dashboard and the engine with what it runs; w jumps to the engine; a SIGKILLed engine leaves within the lease TTL',
  { timeout: 90_000 },
  async () => {
    const paths = writeConfig();
    const engine = startSyncdeck(['engine', '--user', 'nurse', '--config', paths.config, '--db', paths.db], {
      SYNCDECK_HOSTNAME: 'host-b',
    });
    processes.push(engine);
    await engine.waitFor(isEvent('run-started', 'long'), 'the run on host-b');

    const pane = new TmuxPane([process.execPath, BIN, '--config', paths.config, '--db', paths.db], {
      columns: 120,
      rows: 40,
      env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', SYNCDECK_HOSTNAME: 'host-a' },
    });
    panes.push(pane);
    await pane.waitForScreen((s) => s.includes('Long import') && s.includes('q quit'), 'the dashboard');
    await pane.waitForScreen(/Running \(Repeat\)|Repeat nurse@host-b/, 'the run on host-b seen by the dashboard');

    pane.sendKeys('I');
    const screen = await pane.waitForScreen(
      (s) => s.includes('Instances · 2 live instances') && rowOf(s, 'nurse@host-b') !== '',
      'both instances',
    );
    expect(rowOf(screen, `${me}@host-a (this dashboard)`)).toMatch(
      /^› \S+@host-a \(this dashboard\)\s+dashboard\s+\d+\s+\S+\s+\d\d:\d\d\s+(now|\d+s ago)\s+—\s+—$/,
    );
    expect(rowOf(screen, 'nurse@host-b')).toMatch(
      new RegExp(
        `^ {2}nurse@host-b\\s+engine\\s+${engine.child.pid}\\s+\\S+\\s+\\d\\d:\\d\\d\\s+(now|\\d+s ago)\\s+—\\s+Long import$`,
      ),
    );
    expect(screen).toContain(`User ${me} · host host-a`);

    pane.sendKeys('Escape');
    await pane.waitForScreen(/Integration status/);
    pane.sendKeys('w');
    const jumped = await pane.waitForScreen((s) => rowOf(s, 'nurse@host-b').startsWith('›'), 'the engine selected');
    expect(jumped).toContain(`User nurse (OS login ${me}) · host host-b · pid ${engine.child.pid} · engine`);
    expect(jumped).toContain('Roles: reception · starts runs on its own');
    expect(jumped).toContain('Running: Long import');

    engine.child.kill('SIGKILL');
    await engine.exited;
    const gone = await pane.waitForScreen(
      (s) => s.includes('Instances · 1 live instance') && rowOf(s, 'nurse@host-b') === '',
      'the engine to leave',
      20_000,
    );
    expect(rowOf(gone, `${me}@host-a`)).toMatch(/^› /);

    pane.sendKeys('Escape');
    await pane.waitForScreen(/Integration status/);
    pane.sendKeys('q');
    await pane.waitForScreen(() => pane.dead(), 'the dashboard to end');
  },
);
