// Issue 17 in a real terminal (tmux), in English and Russian: the details beside the list
// at 120×40, everything readable at 80×24, a run with no total that sweeps and counts, `d`
// not offered on a command task, and the history filtered by who started the runs.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BIN, runSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TmuxPane } from '../helpers/tmux.js';

const dir = useTempDir('syncdeck-sizes-');
const fixtures = join(process.cwd(), 'tests', 'fixtures');
const me = userInfo().username;

const panes: TmuxPane[] = [];
afterEach(() => {
  for (const pane of panes.splice(0)) pane.kill();
});

/** The OS user is an admin without the tasks' role: nothing runs unless a key or the CLI starts it. */
function writeConfig(): { config: string; db: string } {
  const config = join(dir(), 'clinic.yaml');
  const module = (id: string, name: string, type: string, service: string, file: string) =>
    `  - { id: ${id}, name: ${name}, type: ${type}, service: ${service}, role: reception, interval: 1h, handler: { kind: module, module: ${join(fixtures, 'engine', file)} } }`;
  writeFileSync(
    config,
    [
      'engine: { leaseTtl: 3s, heartbeat: 1s, stopGrace: 1s }',
      'users:',
      `  - { name: ${JSON.stringify(me)}, roles: [admin], permissions: [integration-settings] }`,
      '  - { name: olga, roles: [reception] }',
      'services:',
      '  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }',
      '  - { id: leads, name: Lead aggregator, baseUrl: "http://127.0.0.1:9" }',
      'tasks:',
      module('count', 'Download call recordings', 'calls', 'telephony', 'counting.mjs'),
      `  - { id: export, name: Export patients, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: command, command: ${process.execPath}, args: [${join(fixtures, 'commands', 'protocol.mjs')}] } }`,
      module('ok', 'Receive leads', 'leads', 'leads', 'ok.mjs'),
      module('auth', 'Send lead statuses', 'leads', 'leads', 'fail-auth.mjs'),
      '',
    ].join('\n'),
  );
  return { config, db: join(dir(), 'clinic.db') };
}

function start(paths: { config: string; db: string }, lang: 'en' | 'ru', columns: number, rows: number): TmuxPane {
  const pane = new TmuxPane([process.execPath, BIN, '--config', paths.config, '--db', paths.db, '--lang', lang], {
    columns,
    rows,
    env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
  panes.push(pane);
  return pane;
}

const WORDS = {
  en: {
    title: 'Integration status',
    details: 'Details of the last run',
    current: 'Current run',
    items: '34 items',
    logOnly: 'A command task records its progress log only',
    history: 'History of synchronisations',
    startedBy: 'Started by',
    scheduler: 'The scheduler',
    quit: 'q quit',
    instance: ' · instance ',
    byMe: `Filter: started by ${me}`,
  },
  ru: {
    title: 'Состояние интеграций',
    details: 'Подробности последнего запуска',
    current: 'Текущий запуск',
    items: '34 элемента',
    logOnly: 'Задача-команда записывает только ход выполнения',
    history: 'История синхронизаций',
    startedBy: 'Кто запустил',
    scheduler: 'По расписанию',
    quit: 'q выход',
    instance: ' · экземпляр ',
    byMe: `Фильтр: запустил ${me}`,
  },
} as const;

const lineWith = (screen: string, text: string) => screen.split('\n').find((l) => l.includes(text)) ?? '';
const keyLine = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

describe.each(['en', 'ru'] as const)('the dashboard in tmux, %s', (lang) => {
  const w = WORDS[lang];

  test(
    '120×40: the details beside the list; a run with no total sweeps and counts; d is not offered on a command task',
    { timeout: 90_000 },
    async () => {
      const paths = writeConfig();
      // A run of the command task, by me (its outcome does not matter here).
      const exported = await runSyncdeck(['run', 'export', '--config', paths.config, '--db', paths.db]);
      expect(exported.stderr).not.toContain('syncdeck:');
      const pane = start(paths, lang, 120, 40);
      // The engine's instance in the header: the `run` above cached the config, so the first
      // frame may be the preview's, where r is refused until the engine is ready.
      const ready = await pane.waitForScreen(
        (s) => s.includes('Download call recordings') && s.includes(w.quit) && s.includes(w.instance),
        'the dashboard and its engine',
      );
      // Two panes: the list's title and the details' title on one line, with the separator between.
      const title = lineWith(ready, w.title);
      expect(title).toContain(w.details);
      expect(title).toContain('│');
      for (const name of ['Download call recordings', 'Export patients', 'Receive leads', 'Send lead statuses'])
        expect(lineWith(ready, name)).toContain(name);

      pane.sendKeys('r');
      const running = await pane.waitForScreen(
        (s) => /[█░]{6}\s+34 Download call recordings/.test(s) && s.includes(w.items),
        'the sweep and the count',
      );
      expect(lineWith(running, w.current)).toContain('Download call');
      // The sweep moves (once a second).
      const row = lineWith(running, '34 Download call recordings');
      await pane.waitForScreen(
        (s) => lineWith(s, '34 Download call recordings') !== '' && lineWith(s, '34 Download call recordings') !== row,
        'the sweep to move',
        5_000,
      );
      pane.sendKeys('s');
      pane.sendKeys('y');
      await pane.waitForScreen((s) => !/[█░]{6}\s+34 Download/.test(s), 'the run to stop');

      // The command task: its run recorded a log, so no `d`; pressed anyway, it says so.
      pane.sendKeys('j');
      const onExport = await pane.waitForScreen(
        (s) => /^›\s+\S+\s+Export patients/m.test(s),
        'the command task selected',
      );
      expect(keyLine(onExport)).not.toMatch(/(^| )d /);
      pane.sendKeys('d');
      await pane.waitForScreen((s) => s.includes(w.logOnly), 'the reason d does nothing');

      // History by who started the runs.
      pane.sendKeys('H');
      await pane.waitForScreen((s) => s.includes(w.history), 'the history');
      pane.sendKeys('f');
      for (let i = 0; i < 4; i++) pane.sendKeys('Tab');
      await pane.waitForScreen(
        (s) => s.includes(`▶ ${w.startedBy}`) && s.includes(w.scheduler),
        'the started-by field',
      );
      // Everyone, the scheduler, then the config's users in order.
      const downs = 2 + [me, 'olga'].sort().indexOf(me);
      for (let i = 0; i < downs; i++) pane.sendKeys('Down');
      pane.sendKeys('Enter');
      const byMe = await pane.waitForScreen(
        (s) => s.includes(w.byMe) && s.includes('Export patients'),
        'the history started by me',
      );
      // Started by me: the two runs by hand, none of the scheduler's.
      expect(byMe).toContain('Download call');
      expect(byMe).not.toContain(lang === 'en' ? ' scheduler ' : 'по расписанию');
      pane.sendKeys('Escape');
      await pane.waitForScreen((s) => s.includes(w.quit), 'back on the dashboard');
      await pane.quit();
    },
  );

  test(
    "80×24: names whole, the interval folded in, the page's keys on the key line, the history filter panel usable",
    { timeout: 90_000 },
    async () => {
      const paths = writeConfig();
      expect((await runSyncdeck(['run', 'auth', '--config', paths.config, '--db', paths.db])).code).toBe(1);
      const pane = start(paths, lang, 80, 24);
      const screen = await pane.waitForScreen(
        (s) => s.includes('Download call recordings') && s.includes(w.quit),
        'the dashboard',
      );
      expect(screen).not.toContain('│');
      for (const name of ['Download call recordings', 'Export patients'])
        expect(lineWith(screen, name)).toContain(name);
      expect(screen).not.toMatch(/Download call rec\S*…/);
      for (const key of ['r ', 'h ', 'H ', '? ', 'q ']) expect(keyLine(screen)).toContain(key);
      expect(screen.split('\n').every((l) => [...l].length <= 80)).toBe(true);

      pane.sendKeys('H');
      await pane.waitForScreen((s) => s.includes(w.history), 'the history');
      pane.sendKeys('f');
      for (let i = 0; i < 6; i++) pane.sendKeys('Tab');
      pane.sendKeys('-l', '2h');
      const typed = await pane.waitForScreen((s) => s.includes('2h▏'), 'the typed from');
      expect(typed).toContain(w.startedBy);
      pane.sendKeys('Enter');
      await pane.waitForScreen((s) => s.includes('Send lead st') && !s.includes('2h▏'), 'the filtered history');
      pane.sendKeys('Escape');
      await pane.waitForScreen((s) => s.includes(w.quit), 'back on the dashboard');
      await pane.quit();
    },
  );
});
