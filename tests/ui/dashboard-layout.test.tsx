// Issue 17 on the dashboard: two panes from 120 columns, readable at 80×24, the page's own
// keys kept on a narrow key line, a sweeping bar and the count when the total is unknown,
// and `d` only where there is something to show.
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Clock } from '../../src/ui/hooks/clock.js';
import { makeRun, makeTask, NOW, sampleEngine, summaryOf } from '../helpers/fake-engine.js';
import { renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

// The first render of a file is slow while the code warms up: on a loaded machine it can
// outlast renderApp's wait for the first frame, so it happens here rather than in a test.
beforeAll(async () => {
  await renderApp(sampleEngine(), { columns: 100, rows: 30 }).catch(() => undefined);
  cleanup();
}, 30_000);

const rowOf = (frame: string, name: string) => frame.split('\n').find((line) => line.includes(name)) ?? '';
const keyLine = (frame: string) => frame.split('\n').at(-1) ?? '';

/** Down to the fifth task (Send reminders), one key at a time. */
async function toFifth(app: Awaited<ReturnType<typeof renderApp>>) {
  for (let at = 2; at <= 5; at++) {
    await app.press('j');
    await app.waitFor(`${at}/5`);
  }
}

/** The sample tasks, one with a long name, and the repeat task's run 34 items in with no total. */
function engine() {
  const e = sampleEngine();
  e.tasks.push(
    makeTask({
      id: 'recordings',
      name: 'Download call recordings',
      type: 'calls',
      service: 'telephony',
      serviceName: 'Telephony',
    }),
  );
  e.tasks = e.tasks.map((t) =>
    t.id === 'sms' && t.lastRun ? { ...t, lastRun: { ...t.lastRun, progressDone: 34 } } : t,
  );
  return e;
}

describe('widths', () => {
  for (const lang of ['en', 'ru'] as const) {
    test(`80×24 (${lang}): every name whole, the key line keeps run, history, all history, help and quit`, async () => {
      const app = await renderApp(engine(), { columns: 80, rows: 24, lang });
      const f = app.frame();
      // The rows that fit in the list's half of 24 lines, each name whole.
      for (const name of ['Receive calls', 'Download call recordings', 'Receive leads'])
        expect(rowOf(f, name)).toContain(name);
      expect(f).not.toMatch(/Download call rec\S*…/);
      for (const key of ['h ', 'H ', '? ', 'q ']) expect(keyLine(f)).toContain(key);
      expect(keyLine(f)).toMatch(/^↑↓ \S+ {2}r /);
    });

    test(`120×40 (${lang}): the details beside the list`, async () => {
      const app = await renderApp(engine(), { columns: 120, rows: 40, lang });
      const title =
        app
          .frame()
          .split('\n')
          .find((l) => l.includes(lang === 'en' ? 'Integration status' : 'Состояние интеграций')) ?? '';
      expect(title).toContain(lang === 'en' ? 'Details of the last run' : 'Подробности последнего запуска');
      expect(title).toContain('│');
      expect(rowOf(app.frame(), 'Download call recordings')).toContain('│');
    });
  }

  test('160 columns in Russian: "Повтор" and the instance whole', async () => {
    const app = await renderApp(engine(), { columns: 160, rows: 30, lang: 'ru' });
    expect(rowOf(app.frame(), 'Send reminders')).toContain('14:02 (Повтор olga@front-desk)');
    expect(app.frame()).toContain('Следующий запуск');
  });
});

describe('emoji in a name', () => {
  // Ink lays a line out by string-width, and terminals draw 🚀 and ✅ two cells wide: a row
  // padded as if they were one cell each ran past its pane and lost its last column to "…".
  test('a task named with emoji: its row as wide as the others, nothing cut', async () => {
    const e = engine();
    e.tasks = e.tasks.map((t) => (t.id === 'sms' ? { ...t, name: 'SMS 🚀 ✅ ⏰' } : t));
    const app = await renderApp(e, { columns: 120, rows: 30 });
    const f = app.frame();
    const emoji = rowOf(f, 'SMS 🚀 ✅ ⏰');
    const plain = rowOf(f, 'Receive calls');
    expect(emoji).not.toMatch(/…\s*│/);
    expect(stringWidth(emoji.slice(0, emoji.indexOf('│')))).toBe(stringWidth(plain.slice(0, plain.indexOf('│'))));
  });

  test('emoji sequences in a name (⚠️ ☎️ 1️⃣ 👩‍⚕️): the row as wide as the others, nothing cut', async () => {
    const e = engine();
    const name = 'Врач ⚠️ ☎️ 1️⃣ 👩‍⚕️';
    e.tasks = e.tasks.map((t) => (t.id === 'sms' ? { ...t, name } : t));
    const app = await renderApp(e, { columns: 120, rows: 30 });
    const f = app.frame();
    const emoji = rowOf(f, name);
    const plain = rowOf(f, 'Receive calls');
    expect(emoji).not.toMatch(/…\s*│/);
    expect(stringWidth(emoji.slice(0, emoji.indexOf('│')))).toBe(stringWidth(plain.slice(0, plain.indexOf('│'))));
  });
});

describe('a run with no total', () => {
  test('the bar sweeps once a second and the count so far stands beside it; the details say "34 items"', async () => {
    let now = NOW;
    const listeners = new Set<(at: number) => void>();
    const clock: Clock = { now: () => now, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
    const app = await renderApp(engine(), { columns: 130, rows: 30, clock });
    const first = rowOf(app.frame(), 'Send reminders');
    expect(first).toMatch(/[█░]{6}\s+34 Send reminders/);
    now += 1000;
    for (const l of listeners) l(now);
    await app.waitFor((f) => rowOf(f, 'Send reminders') !== first);
    expect(rowOf(app.frame(), 'Send reminders')).toMatch(/[█░]{6}\s+34 Send reminders/);
    await toFifth(app);
    await app.waitFor('Current run · Send reminders');
    expect(app.frame()).toContain('Running (Repeat) · 34 items · running for');
  });

  test('in plain text too: ASCII glyphs, no colour', async () => {
    const app = await renderApp(engine(), { columns: 130, rows: 30, ascii: true, color: false });
    expect(rowOf(app.frame(), 'Send reminders')).toMatch(/^ {2}[-#]*##[-#]*\s+34 Send reminders/);
    expect(app.frame()).not.toMatch(/\u001b\[3\dm/);
  });

  test('in Russian the details count in Russian', async () => {
    const app = await renderApp(engine(), { columns: 130, rows: 30, lang: 'ru' });
    await toFifth(app);
    await app.waitFor('Текущий запуск · Send reminders');
    expect(app.frame()).toContain('34 элемента');
  });
});

describe('d where there is something to show', () => {
  test('a command task: d is not offered, and pressed anyway says what such a run records', async () => {
    const e = sampleEngine();
    const run = summaryOf(
      makeRun({
        id: 40,
        taskId: 'export',
        taskName: 'Export patients',
        trigger: 'manual',
        startedBy: 'anna',
        hasDiagnostics: false,
        recordsExchanges: false,
      }),
    );
    e.tasks = [makeTask({ id: 'export', name: 'Export patients', lastRun: run })];
    const app = await renderApp(e, { columns: 130, rows: 30 });
    await app.waitFor('Details of the last run · Export patients');
    expect(keyLine(app.frame())).not.toContain('d diagnostics');
    expect(app.frame()).not.toContain('d: full diagnostics');
    await app.press('d');
    await app.waitFor('A command task records its progress log only, no exchanges with a service.');
    expect(e.callsOf('runDetails').filter(([id]) => id === 40)).toHaveLength(1);
  });
});
