// The worker side: answers the screen's calls with the real engine and passes its events on.
import type { EngineApi } from '../api.js';
import { EngineError } from '../types.js';
import type { Channel, FromEngine, ToEngine, WireError } from './protocol.js';

const NOT_CALLABLE = new Set(['subscribe', 'identity', 'instance', 'location']);

function toWire(err: unknown): WireError {
  if (err instanceof EngineError)
    return { name: err.name, message: err.message, code: err.code, detail: { ...err.detail } };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** Serves `engine` on `channel` until the returned function is called. */
export function serveEngine(engine: EngineApi, channel: Channel<ToEngine, FromEngine>): () => void {
  const unsubscribe = engine.subscribe((event) => channel.postMessage({ kind: 'event', event }));
  const onMessage = (message: ToEngine) => {
    if (message.kind !== 'call') return;
    const { id, method, args } = message;
    const fn = (engine as unknown as Record<string, unknown>)[method];
    const answer =
      NOT_CALLABLE.has(method) || typeof fn !== 'function'
        ? Promise.reject(new Error(`the engine has no method ${method}`))
        : Promise.resolve().then(() => (fn as (...a: unknown[]) => unknown).apply(engine, args));
    answer.then(
      (value) => channel.postMessage({ kind: 'answer', id, ok: true, value }),
      (err: unknown) => channel.postMessage({ kind: 'answer', id, ok: false, error: toWire(err) }),
    );
  };
  channel.on('message', onMessage);
  return () => {
    unsubscribe();
    channel.off('message', onMessage);
  };
}
