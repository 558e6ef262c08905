// Below 80×24 a clear message replaces the dashboard; resizing brings it back.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { sampleEngine } from '../helpers/fake-engine.js';
import { renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

test('too narrow or too short: the size and the minimum, nothing garbled', async () => {
  const engine = sampleEngine();
  const app = await renderApp(engine, { columns: 70, rows: 20 });
  expect(app.frame()).toContain('The terminal is 70×20. syncdeck needs at least 80×24.');
  expect(app.frame()).toContain('press q to quit');
  expect(app.frame()).not.toContain('Receive calls');

  app.resize(100, 23);
  await app.waitFor('100×23');
  app.resize(100, 30);
  await app.waitFor('Receive calls');
  app.resize(79, 30);
  await app.waitFor('79×30');
});

test('keys other than q do nothing on the small message; q quits', async () => {
  const engine = sampleEngine();
  const app = await renderApp(engine, { columns: 60, rows: 10 });
  await app.press('r', 'g');
  expect(engine.callsOf('runNow')).toEqual([]);
  await app.press('q');
  expect(engine.listenerCount).toBe(0);
});

test('the state survives: a filter typed before shrinking is there after growing', async () => {
  const app = await renderApp(sampleEngine(), { columns: 100, rows: 30 });
  await app.press('/', 'l', 'e', 'a', 'd');
  app.resize(60, 20);
  await app.waitFor('60×20');
  app.resize(100, 30);
  await app.waitFor('filter: lead');
});
