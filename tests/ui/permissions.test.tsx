// Actions the user may not do are not offered, and pressing them says why.
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { FakeEngine, makeTask, runningTask } from '../helpers/fake-engine.js';
import { renderApp } from '../helpers/render-app.js';

afterEach(() => cleanup());

const NOTHING = { run: false, stop: false, pause: false, diagnostics: false };
const keyLine = (frame: string) => frame.split('\n').at(-1) ?? '';

test('a task the user may not run, stop or pause: no r, s or p in the key line; pressing them explains', async () => {
  const engine = new FakeEngine({
    identity: { user: 'olga', osUser: 'olga', roles: ['reception'], permissions: [], settings: false },
    tasks: [runningTask({ status: 'running', can: NOTHING })],
  });
  const app = await renderApp(engine, { columns: 100, rows: 30 });
  const line = keyLine(app.frame());
  expect(line).toContain('? help');
  expect(line).not.toMatch(/\br run\b/);
  expect(line).not.toMatch(/\bs stop\b/);
  expect(line).not.toMatch(/\bp pause\b/);
  await app.press('s');
  await app.waitFor('Your roles do not allow this for this task.');
  expect(app.frame()).not.toContain('[y/N]');
  await app.press('p');
  expect(engine.callsOf('stop')).toEqual([]);
  expect(engine.callsOf('pause')).toEqual([]);
});

test('the key line follows the selected task: run here, stop there', async () => {
  const engine = new FakeEngine({
    tasks: [makeTask({ id: 'a', name: 'Idle task' }), runningTask({ id: 'b', name: 'Busy task' })],
  });
  const app = await renderApp(engine, { columns: 100, rows: 30 });
  expect(keyLine(app.frame())).toContain('r run');
  expect(keyLine(app.frame())).not.toContain('s stop');
  await app.press('j');
  expect(keyLine(app.frame())).toContain('s stop');
  expect(keyLine(app.frame())).not.toContain('r run');
});

test('a disabled task says so', async () => {
  const engine = new FakeEngine({
    tasks: [makeTask({ status: 'disabled', enabled: false, nextRunAt: null, can: { ...NOTHING, diagnostics: true } })],
  });
  const app = await renderApp(engine, { columns: 100, rows: 30 });
  expect(app.frame()).toMatch(/Disabled\s+Receive calls\s+1m\s+—/);
  await app.press('r');
  await app.waitFor('The task is disabled.');
  expect(engine.callsOf('runNow')).toEqual([]);
});
