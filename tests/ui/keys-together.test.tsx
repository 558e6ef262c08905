// Keys that arrive in one read (a laggy SSH link, tmux send-keys with several keys) are
// all handled, Escape included; ESC and a letter alone is Alt+letter, which does nothing.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { FakeEngine, makeTask, sampleEngine } from '../helpers/fake-engine.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

const cursorRow = (frame: string) => frame.split('\n').find((line) => line.startsWith('›')) ?? '';

/** Longer than a frame (the dashboard draws at most 10 frames a second): quiet this long means done. */
const QUIET_MS = 250;

/** Writes one read, as the terminal would deliver it, and waits for the dashboard to settle. */
async function oneRead(app: Awaited<ReturnType<typeof renderApp>>, read: string): Promise<string> {
  app.stdin.write(read);
  await app.settle(QUIET_MS);
  return app.frame();
}

test('two Escapes in one read close two screens: the help over the history, then the history', async () => {
  const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
  await app.press('H');
  await app.waitFor('History of synchronisations');
  await app.press('?');
  await app.waitFor('▶ Keys');
  const back = await oneRead(app, '\u001b\u001b');
  expect(back).toContain('Integration status');
  expect(back).not.toContain('History of synchronisations');
  expect(back).not.toContain('▶ Keys');
});

test('arrows, PgDn and letters in one read move as the same keys pressed one by one', async () => {
  const tasks = () =>
    new FakeEngine({
      tasks: Array.from({ length: 40 }, (_, i) => makeTask({ id: `t${i + 1}`, name: `Task ${i + 1}` })),
    });
  const apart = await renderApp(tasks(), { columns: 100, rows: 24 });
  const expected = cursorRow(await apart.press('j', 'j', KEYS.pageDown, 'k', KEYS.down, KEYS.down));
  expect(expected).not.toContain('Task 1 ');
  cleanup();
  const together = await renderApp(tasks(), { columns: 100, rows: 24 });
  together.stdin.write(`jj${KEYS.pageDown}k${KEYS.down}${KEYS.down}`);
  await together.waitFor((f) => cursorRow(f) === expected);
  // And no key more: still there once the dashboard is quiet.
  await together.settle(QUIET_MS);
  expect(cursorRow(together.frame())).toBe(expected);
});

test('ESC and a letter alone is Alt+letter and does nothing; with more keys after it, it is Escape and then those keys', async () => {
  const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
  await app.press('H');
  await app.waitFor('History of synchronisations');
  // Alt+q: not q (which would close the history).
  expect(await oneRead(app, '\u001bq')).toContain('History of synchronisations');
  // Escape closes the history, then j and j move the cursor on the task list.
  const moved = await oneRead(app, '\u001bjj');
  expect(moved).toContain('Integration status');
  expect(cursorRow(moved)).toContain('Upload schedule');
});

/**
 * A loaded machine: right after each frame (a key's commit) the thread is taken away for
 * 25 ms, after the next key was dispatched and before React's task that commits it; a
 * short timer would come due first, as on a busy 2-core box with a preempted process.
 */
function takenAwayAfterFrames(stdout: { write: (frame: string) => unknown }, ms = 25): () => void {
  const write = stdout.write.bind(stdout);
  const later = (n: number, fn: () => void): void => (n === 0 ? fn() : queueMicrotask(() => later(n - 1, fn)));
  stdout.write = (frame: string) => {
    later(5, () => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    });
    return write(frame);
  };
  return () => void (stdout.write = write);
}

test('on a loaded machine every key of a read meets the handlers of what the key before it opened', async () => {
  const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
  await app.press('H');
  await app.waitFor('History of synchronisations');
  await app.press('f');
  await app.waitFor('Filter');
  const restore = takenAwayAfterFrames(app.stdout);
  try {
    // Six fields on to "From" and a time typed into it, in one read: the "2" must not reach
    // the "Time" list that the sixth Tab is still leaving.
    app.stdin.write(`${KEYS.tab.repeat(6)}2h`);
    const typed = await app.waitFor((f) => f.includes('2h▏') || f.includes('h▏'), 10_000);
    expect(typed).toContain('2h▏');
  } finally {
    restore();
  }
});
