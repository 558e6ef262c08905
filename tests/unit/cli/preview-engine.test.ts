// previewEngine (src/cli/preview-engine.ts): the engine the dashboard's preview is drawn
// over while the real one starts. The snapshot is the preview's; every other question,
// actions included, waits for the real engine and is put to it; an action still waiting
// when the dashboard closes is dropped.
import { describe, expect, it } from 'vitest';
import { CLOSED_BEFORE_READY, previewEngine } from '../../../src/cli/preview-engine.js';
import type { EngineApi } from '../../../src/engine/api.js';
import { EngineError } from '../../../src/engine/types.js';
import { makeTask, sampleEngine } from '../../helpers/fake-engine.js';

function setUp() {
  const real = sampleEngine();
  const tasks = [makeTask({ id: 'calls' }), makeTask({ id: 'leads', name: 'Receive leads' })];
  let ready!: (engine: EngineApi) => void;
  const closing = new AbortController();
  const engine = previewEngine(
    { tasks, identity: real.identity, location: real.location },
    new Promise<EngineApi>((resolve) => (ready = resolve)),
    closing.signal,
  );
  return { real, tasks, engine, ready: () => ready(real), close: () => closing.abort() };
}

describe('previewEngine', () => {
  it('answers the snapshot with the preview tasks (a copy), before the real engine is there', async () => {
    const { engine, tasks, real } = setUp();
    const snapshot = await engine.snapshot();
    expect(snapshot).toEqual(tasks);
    expect(snapshot).not.toBe(tasks);
    expect(real.snapshots).toBe(0);
  });

  const acts = (engine: EngineApi) => [
    engine.runNow('calls'),
    engine.stop('leads'),
    engine.pause('calls'),
    engine.resume('calls'),
  ];
  const actionsOf = (real: ReturnType<typeof sampleEngine>) =>
    real.calls.filter((c) => ['runNow', 'stop', 'pause', 'resume'].includes(c.method));

  it('holds run, stop, pause and resume until the real engine is there, then puts them to it in order', async () => {
    const { engine, real, ready } = setUp();
    const held = acts(engine);
    await Promise.resolve();
    expect(actionsOf(real)).toEqual([]);
    ready();
    const [run] = await Promise.all(held);
    expect(run).toMatchObject({ taskId: 'calls' });
    expect(actionsOf(real)).toEqual([
      { method: 'runNow', args: ['calls'] },
      { method: 'stop', args: ['leads'] },
      { method: 'pause', args: ['calls'] },
      { method: 'resume', args: ['calls'] },
    ]);
  });

  it('drops an action still held when the dashboard closes: it fails with code "starting" and the real engine is not asked', async () => {
    const { engine, real, ready, close } = setUp();
    const held = acts(engine).map((p) => p.catch((e: unknown) => e));
    close();
    ready();
    for (const error of await Promise.all(held)) {
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: 'starting', message: CLOSED_BEFORE_READY });
    }
    expect(actionsOf(real)).toEqual([]);
  });

  it('puts every other question to the real engine once it is there, and not before', async () => {
    const { engine, real, ready } = setUp();
    let answered = false;
    const instances = engine.instances().then((v) => ((answered = true), v));
    const config = engine.configStatus();
    await Promise.resolve();
    expect(answered).toBe(false);
    expect(real.callsOf('instances')).toEqual([]);
    ready();
    expect(await instances).toEqual(await real.instances());
    expect(await config).toEqual(await real.configStatus());
  });

  it('has no instance yet and takes no subscription (the dashboard subscribes to the real engine)', () => {
    const { engine, real } = setUp();
    expect(engine.instance.id).toBe('');
    expect(engine.identity).toEqual(real.identity);
    const unsubscribe = engine.subscribe(() => undefined);
    unsubscribe();
    expect(real.listenerCount).toBe(0);
  });
});
