// A terminal whose locale is not UTF-8: every screen of the dashboard, in every state the
// keys reach, draws ASCII only (the engine's data here is ASCII too), and Russian gives way
// to English.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { sampleEngine } from '../helpers/fake-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

const withoutStyles = (frame: string) => frame.replace(/\u001b\[[0-9;]*m/g, '');

test('ASCII: the dashboard, details, filter, confirmation, help, history, its filter panel, popup and diagnostics', async () => {
  const app = await renderApp(sampleEngine(), { columns: 100, rows: 30, ascii: true, lang: 'ru' });
  expect(app.frame()).toContain('Integration status');
  const steps: string[][] = [
    ['d'],
    [KEYS.escape, KEYS.tab],
    [KEYS.tab, '/', 'l', 'e'],
    [KEYS.escape, KEYS.escape],
    ['j', 'j', 'j', 's'],
    ['n', '?'],
    [KEYS.escape, 'H'],
    ['f'],
    [KEYS.escape, 'i'],
    [KEYS.escape, KEYS.escape],
  ];
  for (const keys of steps) await app.press(...keys);
  expect(app.frames.length).toBeGreaterThan(10);
  for (const frame of app.frames) expect(withoutStyles(frame)).toMatch(/^[\x20-\x7e\n]*$/);
  // The walk did reach the screens it means to check.
  const all = app.frames.join('\n');
  for (const seen of [
    'Keys',
    'History of synchronisations',
    'Synchronisation information',
    'Stop ',
    'filter: le',
    'Diagnostics of run',
    'Task type',
  ])
    expect(all).toContain(seen);
});
