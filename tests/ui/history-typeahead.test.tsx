// Keys typed ahead of a slow history page (PostgreSQL on a loaded machine, or hung): they
// act on the page they were typed for once it comes, however late; if it does not come,
// Esc leaves, and the keys typed for it are dropped and said to be; Ctrl+C always quits.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';
import type { HistoryQuery, RunSummary } from '../../src/engine/types.js';
import { FakeEngine, makeTask } from '../helpers/fake-engine.js';
import { generatedHistory } from '../helpers/generated-history.js';
import { KEYS, renderApp } from '../helpers/render-app.js';

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

/** 500 runs; the oldest page (End), or the page `slow` picks, answers only when the test says so. */
function slowOldestPage(slowPage = (query: HistoryQuery) => query.oldest === true) {
  const engine = new FakeEngine({ tasks: [makeTask()], generated: generatedHistory(500) });
  const page = { asked: false, answer: () => {} };
  const slow = new Promise<void>((resolve) => (page.answer = resolve));
  const history = engine.history.bind(engine);
  engine.history = async (query: HistoryQuery): Promise<RunSummary[]> => {
    if (slowPage(query)) {
      page.asked = true;
      await slow;
    }
    return history(query);
  };
  return { engine, page };
}

async function onHistory(engine: FakeEngine) {
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  await app.press('H');
  await app.waitFor('500 runs');
  return app;
}

/** Lets the dashboard run while `ms` of timer time pass (timers faked; React's commits are setImmediate tasks). */
async function timePasses(ms: number) {
  for (let passed = 0; passed < ms; passed += 100) {
    await vi.advanceTimersByTimeAsync(100);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('"End i" with a page that takes 5 s opens the oldest run, not the one under the cursor before', async () => {
  const { engine, page } = slowOldestPage();
  const app = await onHistory(engine);
  // Timers only: no limit of the key queue may run out while the page is on its way.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  app.stdin.write(KEYS.end);
  app.stdin.write('i');
  await timePasses(5000);
  expect(page.asked).toBe(true);
  expect(app.frame()).not.toContain('Synchronisation information');
  expect(app.frame()).not.toContain('the oldest run');
  // Not a frozen screen: the title says what it waits for, and how to leave.
  expect(app.frame()).toContain('500 runs · waiting for the page… Esc back');
  vi.useRealTimers();
  page.answer();
  const info = await app.waitFor('Synchronisation information');
  expect(info).toContain('Synchronisation information · run #1 ·');
  expect(info).not.toContain('waiting for the page');
});

test('"H i" with a first page that takes 5 s opens the newest run, once the page is there', async () => {
  const { engine, page } = slowOldestPage((query) => Object.keys(query).join() === 'limit');
  const app = await renderApp(engine, { columns: 120, rows: 30 });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  app.stdin.write('H');
  app.stdin.write('i');
  await timePasses(5000);
  expect(page.asked).toBe(true);
  expect(app.frame()).toContain('Loading the history…');
  expect(app.frame()).not.toContain('No run selected');
  vi.useRealTimers();
  page.answer();
  expect(await app.waitFor('Synchronisation information')).toContain('Synchronisation information · run #500 ·');
});

test('a page that never comes: Esc leaves and says the keys typed for it were dropped; q then y quits', async () => {
  const { engine, page } = slowOldestPage();
  const app = await onHistory(engine);
  app.stdin.write(KEYS.end);
  await vi.waitUntil(() => page.asked);
  await app.press('i', 'j');
  expect(app.frame()).not.toContain('Synchronisation information');
  const left = await app.press(KEYS.escape);
  expect(left).toContain('Integration status');
  expect(left).toContain('Dropped 2 keys typed while the page was loading (it did not come).');
  expect(engine.listenerCount).toBeGreaterThan(0);
  await app.press('q', 'y');
  expect(engine.listenerCount).toBe(0);
});

test('a page that never comes: Ctrl+C quits at once', async () => {
  const { engine, page } = slowOldestPage();
  const app = await onHistory(engine);
  app.stdin.write(`${KEYS.end}ij`);
  await vi.waitUntil(() => page.asked);
  await app.press(KEYS.ctrlC);
  expect(engine.listenerCount).toBe(0);
});
