// The screen's engine API over a message channel to the engine's worker thread: calls and
// answers, EngineErrors with their code and detail, events, and what is left when it stops.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { serveEngine } from '../../../src/engine/remote/engine-host.js';
import { remoteEngine } from '../../../src/engine/remote/remote-engine.js';
import type { ToEngine } from '../../../src/engine/remote/protocol.js';
import { recentRing, recentRuns } from '../../../src/engine/recent-runs.js';
import { EngineError, type TaskView } from '../../../src/engine/types.js';
import { FakeEngine, makeInstance, makeTask } from '../../helpers/fake-engine.js';

const open: MessageChannel[] = [];
afterEach(() => {
  for (const c of open.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function connect(engine: FakeEngine, first?: TaskView[]) {
  const channel = new MessageChannel();
  open.push(channel);
  const stop = serveEngine(engine, channel.port1);
  const toEngine: ToEngine[] = [];
  channel.port1.on('message', (m: ToEngine) => toEngine.push(m));
  const remote = remoteEngine(
    channel.port2,
    { identity: engine.identity, instance: engine.instance, location: engine.location },
    first,
  );
  return { remote, stop, toEngine };
}

describe('remote-engine.remoteEngine', () => {
  it('answers every call of the engine API with a copy of what the engine answered', async () => {
    const engine = new FakeEngine({
      tasks: [makeTask({ id: 'calls' }), makeTask({ id: 'leads', name: 'Receive leads' })],
    });
    const { remote } = connect(engine);
    expect(remote.identity.user).toBe(engine.identity.user);
    const tasks = await remote.snapshot();
    expect(tasks.map((t) => t.id)).toEqual(['calls', 'leads']);
    expect(tasks[0]).not.toBe(engine.tasks[0]);
    await remote.pause('calls');
    expect(engine.callsOf('pause')).toEqual([['calls']]);
    // The alert channels' trouble (the header, docs/alerts.md) crosses too.
    engine.alertTroubles = [
      { channel: 'chat', failingSince: 1_000, undelivered: 2, lastError: 'HTTP 500: upstream is down' },
    ];
    expect(await remote.alertTrouble()).toEqual(engine.alertTroubles);
  });

  it("a task's recent runs and instances() cross the channel", async () => {
    const engine = new FakeEngine({
      tasks: [makeTask({ id: 'calls', recentRing: recentRing([{ runId: 7, outcome: 'error', durationMs: 1_200 }]) })],
      instances: [makeInstance(), makeInstance({ id: 'inst-b', label: 'olga@ws-3', self: false, running: ['calls'] })],
    });
    const { remote } = connect(engine);
    expect(recentRuns((await remote.snapshot())[0]!.recentRing)).toEqual([
      { runId: 7, outcome: 'error', durationMs: 1_200 },
    ]);
    expect(await remote.instances()).toEqual(engine.liveInstances);
  });

  it('an EngineError arrives as an EngineError, with its code and detail', async () => {
    const engine = new FakeEngine({
      tasks: [makeTask({ id: 'calls', status: 'running', runningOn: 'ws-3:1:ab', runningOnLabel: 'olga@ws-3' })],
    });
    const { remote } = connect(engine);
    const err = await remote.runNow('calls').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({
      code: 'already-running',
      message: 'Receive calls is already running',
      detail: { instance: 'ws-3:1:ab', instanceLabel: 'olga@ws-3' },
    });
    await expect(remote.runNow('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it("passes the engine's events on to every subscriber, until it unsubscribes", async () => {
    const engine = new FakeEngine({ tasks: [makeTask({ id: 'calls' })] });
    const { remote } = connect(engine);
    const seen: string[] = [];
    const unsubscribe = remote.subscribe((e) => seen.push(e.type));
    engine.emit({ type: 'tasks-changed' });
    engine.emit({ type: 'run-progress', taskId: 'calls', runId: 1, done: 3, total: 10 });
    await remote.snapshot(); // answers come after the events sent before them
    expect(seen).toEqual(['tasks-changed', 'run-progress']);
    unsubscribe();
    engine.emit({ type: 'tasks-changed' });
    await remote.snapshot();
    expect(seen).toHaveLength(2);
  });

  it('detach() rejects the calls still waiting and ends the subscriptions', async () => {
    const engine = new FakeEngine({ tasks: [makeTask({ id: 'calls' })] });
    const { remote, stop } = connect(engine);
    stop(); // the worker no longer answers
    const waiting = remote.snapshot();
    remote.detach();
    await expect(waiting).rejects.toThrow('the engine has stopped');
  });

  it('the first snapshot, taken as the engine became ready, answers the first call without a round trip', async () => {
    const engine = new FakeEngine({ tasks: [makeTask({ id: 'calls' })] });
    const { remote, toEngine } = connect(engine, [makeTask({ id: 'calls', name: 'taken at ready' })]);
    expect((await remote.snapshot()).map((t) => t.name)).toEqual(['taken at ready']);
    expect(engine.snapshots).toBe(0);
    // Then the engine hears that the screen has it (it starts its loops then), once.
    await remote.snapshot();
    expect(engine.snapshots).toBe(1);
    expect(toEngine.filter((m) => m.kind === 'first-snapshot')).toHaveLength(1);
  });

  it('an event that came after the first snapshot makes it stale: the first call asks the engine', async () => {
    const engine = new FakeEngine({ tasks: [makeTask({ id: 'calls', name: 'now' })] });
    const { remote, toEngine } = connect(engine, [makeTask({ id: 'calls', name: 'taken at ready' })]);
    engine.emit({ type: 'tasks-changed' });
    await remote.runNow('nope').catch(() => undefined); // the event has arrived when this answer has
    expect((await remote.snapshot()).map((t) => t.name)).toEqual(['now']);
    await remote.runNow('nope').catch(() => undefined); // messages arrive in order: first-snapshot has, too
    expect(toEngine.filter((m) => m.kind === 'first-snapshot')).toHaveLength(1);
  });

  it('takeFirstSnapshot gives the screen the first snapshot once; the engine hears of it when it is shown, once', async () => {
    const engine = new FakeEngine({ tasks: [makeTask({ id: 'calls', name: 'now' })] });
    const { remote, toEngine } = connect(engine, [makeTask({ id: 'calls', name: 'taken at ready' })]);
    expect(remote.takeFirstSnapshot()?.map((t) => t.name)).toEqual(['taken at ready']);
    expect(remote.takeFirstSnapshot()).toBeNull();
    await remote.runNow('nope').catch(() => undefined); // messages arrive in order
    expect(toEngine.filter((m) => m.kind === 'first-snapshot')).toHaveLength(0);
    remote.firstSnapshotShown();
    expect((await remote.snapshot()).map((t) => t.name)).toEqual(['now']);
    expect(engine.snapshots).toBe(1);
    remote.firstSnapshotShown();
    await remote.runNow('nope').catch(() => undefined);
    expect(toEngine.filter((m) => m.kind === 'first-snapshot')).toHaveLength(1);
  });

  it('takeFirstSnapshot gives nothing once an event made the first snapshot stale, and the first snapshot() tells the engine', async () => {
    const engine = new FakeEngine({ tasks: [makeTask({ id: 'calls', name: 'now' })] });
    const { remote, toEngine } = connect(engine, [makeTask({ id: 'calls', name: 'taken at ready' })]);
    engine.emit({ type: 'tasks-changed' });
    await remote.runNow('nope').catch(() => undefined);
    expect(remote.takeFirstSnapshot()).toBeNull();
    await remote.runNow('nope').catch(() => undefined);
    expect(toEngine.filter((m) => m.kind === 'first-snapshot')).toHaveLength(0);
    expect((await remote.snapshot()).map((t) => t.name)).toEqual(['now']);
    await remote.runNow('nope').catch(() => undefined);
    expect(toEngine.filter((m) => m.kind === 'first-snapshot')).toHaveLength(1);
  });
});
