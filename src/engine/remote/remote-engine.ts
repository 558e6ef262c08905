// The screen's side: an EngineApi whose every method is a message to the engine's worker
// thread. The screen never waits on the database, and a terminal that stops reading never
// stops the engine (docs/ARCHITECTURE.md, Composition root).
import type { EngineApi } from '../api.js';
import { EngineError, type EngineEvent, type TaskView } from '../types.js';
import type { Channel, EngineFacts, FromEngine, ToEngine, WireError } from './protocol.js';

function fromWire(error: WireError): Error {
  if (error.code) return new EngineError(error.code, error.message, error.detail ?? {});
  const err = new Error(error.message);
  err.name = error.name;
  return err;
}

export interface RemoteEngine extends EngineApi {
  /**
   * The snapshot the engine took as it became ready, if no event has made it stale: the
   * screen draws its first frame from it without a round trip. Null when there is none;
   * then the first snapshot() call asks (and tells the engine it has it).
   */
  takeFirstSnapshot(): TaskView[] | null;
  /** The first frame is drawn from the snapshot taken: the engine hears `first-snapshot` (once in all). */
  firstSnapshotShown(): void;
  /** Stops listening; calls still waiting are rejected. */
  detach(): void;
}

/**
 * `first`: a snapshot the engine took as it became ready. It answers the first snapshot()
 * call (the first frame needs no round trip), unless an event came since: then it may be
 * stale. Once the first snapshot is in hand, the engine hears `first-snapshot`.
 */
export function remoteEngine(
  channel: Channel<FromEngine, ToEngine>,
  facts: EngineFacts,
  first?: TaskView[],
): RemoteEngine {
  let nextId = 0;
  let prefetched = first ?? null;
  let firstAsked = false;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  const listeners = new Set<(event: EngineEvent) => void>();

  const onMessage = (message: FromEngine) => {
    if (message.kind === 'event') {
      prefetched = null;
      // A reload may give this user other roles: the header shows the ones in force.
      if (message.event.type === 'config-reloaded') local.identity = message.event.identity;
      for (const listener of [...listeners]) listener(message.event);
      return;
    }
    if (message.kind !== 'answer') return;
    const call = waiting.get(message.id);
    if (!call) return;
    waiting.delete(message.id);
    if (message.ok) call.resolve(message.value);
    else call.reject(fromWire(message.error));
  };
  channel.on('message', onMessage);

  const call = (method: string, args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      channel.postMessage({ kind: 'call', id, method, args });
    });

  const firstInHand = () => {
    if (firstAsked) return;
    firstAsked = true;
    channel.postMessage({ kind: 'first-snapshot' });
  };
  const local = {
    ...facts,
    snapshot(): Promise<TaskView[]> {
      const tasks = prefetched;
      prefetched = null;
      const answer = tasks ? Promise.resolve(tasks) : (call('snapshot', []) as Promise<TaskView[]>);
      return firstAsked ? answer : answer.finally(firstInHand);
    },
    takeFirstSnapshot(): TaskView[] | null {
      const tasks = firstAsked ? null : prefetched;
      prefetched = null;
      return tasks;
    },
    firstSnapshotShown: firstInHand,
    subscribe(listener: (event: EngineEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    detach() {
      channel.off('message', onMessage);
      for (const w of waiting.values()) w.reject(new Error('the engine has stopped'));
      waiting.clear();
      listeners.clear();
    },
  };
  // Every other method of EngineApi is a call: the API can grow without this file changing.
  return new Proxy(local, {
    get(target, property) {
      if (typeof property === 'symbol' || property in target) return Reflect.get(target, property) as unknown;
      if (property === 'then') return undefined; // not a thenable
      return (...args: unknown[]) => call(property, args);
    },
  }) as unknown as RemoteEngine;
}
