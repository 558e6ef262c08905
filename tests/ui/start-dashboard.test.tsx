// startDashboard and openDashboard on a fake terminal: the alternate screen is entered before the
// first frame and left (cursor shown) exactly once, whichever way the dashboard ends.
import { expect, test, vi } from 'vitest';

vi.hoisted(() => {
  process.env['CI'] = 'false';
  delete process.env['CONTINUOUS_INTEGRATION'];
});

import { previewEngine } from '../../src/cli/preview-engine.js';
import type { EngineApi } from '../../src/engine/api.js';
import { openDashboard, startDashboard } from '../../src/ui/index.js';
import { ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR } from '../../src/ui/terminal-screen.js';
import { sampleEngine } from '../helpers/fake-engine.js';
import { FakeTtyInput, FakeTtyOutput } from '../helpers/fake-tty.js';

const count = (text: string, part: string) => text.split(part).length - 1;

function start() {
  const out = new FakeTtyOutput(100, 30);
  const input = new FakeTtyInput();
  const engine = sampleEngine();
  const dashboard = startDashboard(engine, {
    lang: 'en',
    color: false,
    ascii: false,
    stdout: out.asStream(),
    stdin: input.asStream(),
  });
  return { out, input, engine, dashboard };
}

test('q: the dashboard ends, waitUntilExit resolves, the terminal is restored once', async () => {
  const { out, input, engine, dashboard } = start();
  expect(out.chunks[0]).toBe(ENTER_ALTERNATE_SCREEN);
  await out.waitFor('Receive calls');
  expect(input.rawMode).toBe(true);
  input.type('q'); // a run executes here: q asks first
  input.type('y');
  await dashboard.waitUntilExit();
  expect(out.text.endsWith(LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR)).toBe(true);
  expect(input.rawMode).toBe(false);
  expect(engine.listenerCount).toBe(0);
  dashboard.close();
  expect(count(out.text, LEAVE_ALTERNATE_SCREEN)).toBe(1);
});

test('Ctrl+C ends it the same way', async () => {
  const { out, input, dashboard } = start();
  await out.waitFor('Receive calls');
  input.type('\u0003');
  await dashboard.waitUntilExit();
  expect(count(out.text, LEAVE_ALTERNATE_SCREEN)).toBe(1);
});

test('close() (a signal handler) restores the terminal, resolves waitUntilExit, and may be called again', async () => {
  const { out, dashboard } = start();
  await out.waitFor('Receive calls');
  dashboard.close();
  dashboard.close();
  await dashboard.waitUntilExit();
  expect(count(out.text, LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR)).toBe(1);
});

test('close() right after start, before any frame, still restores the terminal', async () => {
  const { out, dashboard } = start();
  dashboard.close();
  await dashboard.waitUntilExit();
  expect(out.text.startsWith(ENTER_ALTERNATE_SCREEN)).toBe(true);
  expect(count(out.text, LEAVE_ALTERNATE_SCREEN)).toBe(1);
});

test('a terminal that went away (SSH dropped) does not make close() throw', async () => {
  const { out, dashboard } = start();
  await out.waitFor('Receive calls');
  out.destroy();
  expect(() => dashboard.close()).not.toThrow();
});

function open() {
  const out = new FakeTtyOutput(100, 30);
  const input = new FakeTtyInput();
  const frames: string[] = [];
  const dashboard = openDashboard({
    lang: 'en',
    color: false,
    ascii: false,
    stdout: out.asStream(),
    stdin: input.asStream(),
    onFrame: (lines) => frames.push(lines.join('\n')),
  });
  return { out, input, frames, dashboard };
}

test('openDashboard: the starting screen at once, then show() draws the tasks in hand with no fetch and no loading frame', async () => {
  const { out, frames, dashboard } = open();
  expect(out.chunks[0]).toBe(ENTER_ALTERNATE_SCREEN);
  await out.waitFor('starting the engine');
  expect(frames[0]).toContain('Loading tasks');
  expect(frames[0]).toMatch(/q quit/);
  const engine = sampleEngine();
  const firstTasks = await engine.snapshot();
  const asked = engine.snapshots;
  const before = frames.length;
  expect(dashboard.show(engine, firstTasks)).toBe(true);
  await out.waitFor('Receive calls');
  expect(frames[before]).toContain('Receive calls');
  expect(frames.slice(before).some((f) => f.includes('Loading tasks'))).toBe(false);
  expect(engine.snapshots).toBe(asked);
  dashboard.close();
  await dashboard.waitUntilExit();
  expect(engine.listenerCount).toBe(0);
});

test('openDashboard: show() without tasks in hand fetches them', async () => {
  const { out, dashboard } = open();
  await out.waitFor('starting the engine');
  const engine = sampleEngine();
  dashboard.show(engine, null);
  await out.waitFor('Receive calls');
  expect(engine.snapshots).toBe(1);
  dashboard.close();
});

test('openDashboard: q while the engine starts ends the dashboard; a later show() draws nothing', async () => {
  const { out, input, dashboard } = open();
  await out.waitFor('starting the engine');
  input.type('q');
  await dashboard.waitUntilExit();
  expect(count(out.text, LEAVE_ALTERNATE_SCREEN + SHOW_CURSOR)).toBe(1);
  const engine = sampleEngine();
  expect(dashboard.show(engine, await engine.snapshot())).toBe(false);
  expect(engine.listenerCount).toBe(0);
});

test('openDashboard: Ctrl+C while the engine starts ends it too', async () => {
  const { out, input, dashboard } = open();
  await out.waitFor('starting the engine');
  input.type('\u0003');
  await dashboard.waitUntilExit();
  expect(input.rawMode).toBe(false);
});

/** The dashboard's preview (src/cli/preview-engine.ts) over the sample engine's tasks, and the real engine to come. */
async function preview() {
  const real = sampleEngine();
  const tasks = await real.snapshot();
  const asked = real.snapshots;
  let ready!: (engine: EngineApi) => void;
  const engine = previewEngine(
    { tasks, identity: real.identity, location: real.location },
    new Promise<EngineApi>((resolve) => (ready = resolve)),
    new AbortController().signal,
  );
  return { real, tasks, asked, engine, ready };
}

const selectedLine = (frame: string | undefined) => frame?.split('\n').find((l) => l.includes('›')) ?? '';

test('openDashboard with a preview: the first frame is the tasks, the header says the engine is starting, no loading frame; show() takes over with no fetch', async () => {
  const { real, tasks, asked, engine, ready } = await preview();
  const out = new FakeTtyOutput(100, 30);
  const input = new FakeTtyInput();
  const frames: string[] = [];
  const dashboard = openDashboard(
    {
      lang: 'en',
      color: false,
      ascii: false,
      stdout: out.asStream(),
      stdin: input.asStream(),
      onFrame: (l) => frames.push(l.join('\n')),
    },
    { engine, tasks },
  );
  await out.waitFor('Receive calls');
  expect(frames[0]).toContain('Receive calls');
  expect(frames[0]).toContain('starting the engine');
  expect(frames[0]).not.toContain('instance inst-a');
  expect(frames.some((f) => f.includes('Loading tasks'))).toBe(false);
  expect(real.snapshots).toBe(asked);
  // The engine's first tasks take over without a fetch.
  ready(real);
  expect(dashboard.show(real, tasks)).toBe(true);
  await out.waitFor((text) => text.includes('instance inst-a'));
  await out.settled();
  expect(real.snapshots).toBe(asked);
  dashboard.close();
});

test('the preview: run, pause and stop are held until the real engine is there (the status line says so at once), then put to it in order; show() takes over, keeping the selection', async () => {
  const { out, input, frames, dashboard } = open();
  await out.waitFor('starting the engine');
  const { real, tasks, engine, ready } = await preview();
  expect(dashboard.preview(engine, tasks)).toBe(true);
  await out.waitFor('Receive calls');
  const says = (text: string) => out.waitFor(() => frames.at(-1)?.includes(text) ?? false);
  const actions = () => real.calls.filter((c) => ['runNow', 'pause', 'resume', 'stop'].includes(c.method));
  input.type('r');
  await says('The engine is starting: Receive calls runs as soon as it is ready.');
  input.type('p');
  await says('The engine is starting: Receive calls is paused as soon as it is ready.');
  const first = selectedLine(frames.at(-1));
  input.type('j'); // to the task that runs
  await out.waitFor(() => selectedLine(frames.at(-1)) !== first);
  const moved = selectedLine(frames.at(-1));
  expect(moved).toContain('Receive leads');
  input.type('s');
  await says('Stop Receive leads?');
  input.type('y');
  await says('The engine is starting: the stop of Receive leads is asked as soon as it is ready.');
  expect(actions()).toEqual([]);
  // A question other than an action waits for the real engine too.
  const catalog = engine.catalog();
  ready(real);
  expect(dashboard.show(real, tasks)).toBe(true);
  await out.waitFor((text) => text.includes('instance inst-a'));
  await says('Stop requested for Receive leads.');
  expect(actions()).toEqual([
    { method: 'runNow', args: ['calls'] },
    { method: 'pause', args: ['calls'] },
    { method: 'stop', args: ['leads'] },
  ]);
  await out.settled();
  expect(frames.at(-1)).not.toContain('starting the engine');
  expect(selectedLine(frames.at(-1))).toBe(moved);
  await expect(catalog).resolves.toEqual(await real.catalog());
  expect(dashboard.preview(engine, tasks)).toBe(false); // too late
  input.type('p');
  await says('Paused Receive leads');
  expect(real.callsOf('pause')).toEqual([['calls'], ['leads']]);
  dashboard.close();
  await dashboard.waitUntilExit();
  expect(real.listenerCount).toBe(0);
});

test('the preview: q ends the dashboard, and a later show() draws nothing', async () => {
  const { out, input, dashboard } = open();
  const { real, tasks, engine } = await preview();
  dashboard.preview(engine, tasks);
  await out.waitFor('Receive calls');
  input.type('q');
  await dashboard.waitUntilExit();
  expect(dashboard.show(real, tasks)).toBe(false);
  expect(real.listenerCount).toBe(0);
});
