// previewEngine (src/cli/preview-engine.ts): the engine the dashboard's preview is drawn
// over while the real one starts. Actions are refused with code 'starting'; the snapshot is
// the preview's; every other question waits for the real engine and is put to it.
import { describe, expect, it } from 'vitest';
import { ENGINE_STARTING, previewEngine } from '../../../src/cli/preview-engine.js';
import type { EngineApi } from '../../../src/engine/api.js';
import { EngineError } from '../../../src/engine/types.js';
import { makeTask, sampleEngine } from '../../helpers/fake-engine.js';

function setUp() {
  const real = sampleEngine();
  const tasks = [makeTask({ id: 'calls' }), makeTask({ id: 'leads', name: 'Receive leads' })];
  let ready!: (engine: EngineApi) => void;
  const engine = previewEngine(
    { tasks, identity: real.identity, location: real.location },
    new Promise<EngineApi>((resolve) => (ready = resolve)),
  );
  return { real, tasks, engine, ready: () => ready(real) };
}

describe('previewEngine', () => {
  it('answers the snapshot with the preview tasks (a copy), before the real engine is there', async () => {
    const { engine, tasks, real } = setUp();
    const snapshot = await engine.snapshot();
    expect(snapshot).toEqual(tasks);
    expect(snapshot).not.toBe(tasks);
    expect(real.snapshots).toBe(0);
  });

  it('refuses run, stop, pause and resume with code "starting", even once the real engine is there', async () => {
    const { engine, real, ready } = setUp();
    ready();
    const acts = [
      () => engine.runNow('calls'),
      () => engine.stop('calls'),
      () => engine.pause('calls'),
      () => engine.resume('calls'),
    ];
    for (const act of acts) {
      const error = await act().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: 'starting', message: ENGINE_STARTING });
    }
    expect(real.calls.map((c) => c.method)).toEqual([]);
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
