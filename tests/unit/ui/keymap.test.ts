import { describe, expect, test } from 'vitest';
import { fitKeyBar, keyBarItems } from '../../../src/ui/components/key-bar.js';
import { helpLines } from '../../../src/ui/components/help-lines.js';
import { catalogue } from '../../../src/ui/i18n/index.js';
import { findBinding, KEYMAP, keyMatches, keyPress, offeredBindings } from '../../../src/ui/keymap.js';
import { diagnosticsRefusal, runRefusal, stopRefusal, type OfferContext } from '../../../src/ui/refusals.js';
import { createTheme } from '../../../src/ui/theme.js';
import { failingTask, makeRun, makeTask, runningTask, summaryOf } from '../../helpers/fake-engine.js';

const press = keyPress;
const t = catalogue('en', false);
const theme = createTheme({ color: true, ascii: false });
const offer = (task = makeTask(), filter = ''): OfferContext => ({ task, run: task.lastRun, filter });

describe('matching', () => {
  test('named keys, letters (case matters), Ctrl+C and Ctrl+L', () => {
    expect(keyMatches('up', press('', { upArrow: true }))).toBe(true);
    expect(keyMatches('k', press('k'))).toBe(true);
    expect(keyMatches('h', press('H', { shift: true }))).toBe(false);
    expect(keyMatches('H', press('H', { shift: true }))).toBe(true);
    expect(keyMatches('ctrl+c', press('c', { ctrl: true }))).toBe(true);
    expect(keyMatches('c', press('c', { ctrl: true }))).toBe(false);
    expect(keyMatches('ctrl+l', press('l', { ctrl: true }))).toBe(true);
    expect(keyMatches('ctrl+l', press('l'))).toBe(false);
    expect(findBinding('history', press('l', { ctrl: true }))).toBeUndefined();
    expect(findBinding('global', press('l', { ctrl: true }))?.action).toBe('repaint');
    expect(keyMatches('backspace', press('', { delete: true }))).toBe(true);
  });

  test('one binding per key and context', () => {
    expect(findBinding('dashboard', press('q'))?.action).toBe('quit');
    expect(findBinding('help', press('q'))?.action).toBe('back');
    expect(findBinding('dashboard', press('', { escape: true }))?.action).toBe('clear-filter');
    expect(findBinding('confirm', press('Y'))?.action).toBe('confirm-yes');
    expect(findBinding('confirm', press('', { return: true }))?.action).toBe('confirm-no');
    for (const context of ['dashboard', 'diagnostics', 'help', 'history', 'confirm', 'filter'] as const) {
      const seen = new Set<string>();
      for (const binding of KEYMAP.filter((b) => b.contexts.includes(context))) {
        for (const key of binding.keys) {
          expect(seen.has(key), `${key} bound twice in ${context}`).toBe(false);
          seen.add(key);
        }
      }
    }
  });
});

describe('predicates', () => {
  test('run: refused with the reason when running elsewhere, running here, or not allowed', () => {
    expect(runRefusal(offer())).toBeNull();
    expect(runRefusal(offer(runningTask({ repeat: true, runningOnLabel: 'olga@desk' })))).toEqual({
      code: 'running-elsewhere',
      instance: 'olga@desk',
    });
    expect(runRefusal(offer(runningTask()))).toEqual({ code: 'running-here' });
    expect(runRefusal(offer(makeTask({ can: { run: false, stop: false, pause: false, diagnostics: false } })))).toEqual(
      { code: 'forbidden' },
    );
    expect(runRefusal({ task: null, run: null, filter: '' })).toEqual({ code: 'no-task' });
  });

  test('stop only while running; diagnostics only when the run has them', () => {
    expect(stopRefusal(offer())).toEqual({ code: 'not-running' });
    expect(stopRefusal(offer(runningTask()))).toBeNull();
    expect(diagnosticsRefusal(offer(failingTask()))).toEqual({ code: 'no-diagnostics' });
    const withDiagnostics = makeTask({ lastRun: summaryOf(makeRun({ hasDiagnostics: true })) });
    expect(diagnosticsRefusal(offer(withDiagnostics))).toBeNull();
    const purged = makeTask({ lastRun: summaryOf(makeRun({ hasDiagnostics: true, detailsPurged: true })) });
    expect(diagnosticsRefusal(offer(purged))).toEqual({ code: 'details-removed' });
  });

  test('the key line offers only what is allowed now', () => {
    const actions = (o: OfferContext) => offeredBindings('dashboard', o).map((b) => b.action);
    expect(actions(offer())).toContain('run');
    expect(actions(offer())).not.toContain('stop');
    expect(actions(offer(runningTask()))).toContain('stop');
    expect(actions(offer(runningTask()))).not.toContain('run');
    expect(actions(offer(makeTask(), 'x'))).toContain('clear-filter');
    expect(actions(offer())).not.toContain('clear-filter');
  });
});

describe('key line and help, generated from the table', () => {
  test('movement keys show as one item; pause reads "resume" on a paused task', () => {
    const items = keyBarItems('dashboard', offer(makeTask({ paused: true })), t, theme);
    expect(items[0]).toMatchObject({ keys: '↑↓', text: 'move' });
    expect(items.find((i) => i.keys === 'p')?.text).toBe('resume');
  });

  test('a narrow key line drops items from the end but keeps help and quit', () => {
    const items = keyBarItems('dashboard', offer(), t, theme);
    const fitted = fitKeyBar(items, 30);
    expect(fitted.map((i) => i.keys)).toContain('?');
    expect(fitted.map((i) => i.keys)).toContain('q');
    expect(fitted.length).toBeLessThan(items.length);
  });

  test("at 80 columns the page's own actions stay (run, stop, history, all history), the rest goes to ?, in both languages", () => {
    for (const lang of ['en', 'ru'] as const) {
      const words = catalogue(lang, false);
      const withDiagnostics = runningTask({
        lastRun: summaryOf(
          makeRun({ id: 9, outcome: 'running', hasDiagnostics: true, finishedAt: null, durationMs: null }),
        ),
      });
      for (const task of [makeTask(), withDiagnostics]) {
        const fitted = fitKeyBar(keyBarItems('dashboard', offer(task, 'x'), words, theme), 79).map((i) => i.keys);
        for (const key of [task.can.run ? 'r' : 's', 'h', 'H', '?', 'q'])
          expect(fitted, `${lang}: ${fitted.join(' ')}`).toContain(key);
        const width = fitKeyBar(keyBarItems('dashboard', offer(task, 'x'), words, theme), 79).reduce(
          (sum, i) => sum + i.keys.length + 1 + i.text.length + 2,
          -2,
        );
        expect(width).toBeLessThanOrEqual(79);
      }
    }
  });

  test("a command task's run records no exchanges: d is not offered, and says what such a run records", () => {
    const command = makeTask({
      lastRun: summaryOf(makeRun({ hasDiagnostics: false, recordsExchanges: false, trigger: 'manual' })),
    });
    expect(diagnosticsRefusal(offer(command))).toEqual({ code: 'log-only' });
    expect(offeredBindings('dashboard', offer(command)).map((b) => b.action)).not.toContain('diagnostics');
    expect(t.refusal({ code: 'log-only' })).toBe(
      'A command task records its progress log only, no exchanges with a service.',
    );
  });

  test('every binding appears in help with its description', () => {
    const text = helpLines(t, theme)
      .map((l) => l.text)
      .join('\n');
    for (const binding of KEYMAP) expect(text).toContain(t.actions[binding.action].help);
    expect(text).toContain('Ctrl+C');
    expect(text).toContain('PgUp');
  });
});
