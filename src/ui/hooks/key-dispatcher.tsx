// The one keyboard entry point (after gemini-cli's keypress dispatch): a single useInput
// hands every key to registered handlers, highest priority first, until one takes it.
// A confirmation or the filter input thus sees keys before the screen under it.
import { useInput } from 'ink';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { KeyPress } from '../keymap.js';
import { KeyQueue } from './key-queue.js';

/** Returns true when it took the key. */
export type KeyHandler = (press: KeyPress) => boolean;

/** `modalInput`: a typed field inside a modal layer (the history filter's from/to) sees keys before the layer. */
export const PRIORITY = { global: 100, modalInput: 60, modal: 50, input: 40, screen: 10 } as const;

interface Entry {
  handler: KeyHandler;
  priority: number;
  order: number;
}

export class KeyRegistry {
  private entries: Entry[] = [];
  private counter = 0;

  add(handler: KeyHandler, priority: number): () => void {
    const entry = { handler, priority, order: this.counter++ };
    this.entries.push(entry);
    // Highest priority first; among equals the latest registered (the innermost screen) first.
    this.entries.sort((a, b) => b.priority - a.priority || b.order - a.order);
    return () => {
      this.entries = this.entries.filter((e) => e !== entry);
    };
  }

  dispatch(press: KeyPress): boolean {
    for (const entry of [...this.entries]) {
      if (entry.handler(press)) return true;
    }
    return false;
  }
}

interface Dispatcher {
  registry: KeyRegistry;
  queue: KeyQueue;
}

const DispatcherContext = createContext<Dispatcher | null>(null);

function useDispatcher(): Dispatcher {
  const dispatcher = useContext(DispatcherContext);
  if (!dispatcher) throw new Error('key handling outside <KeyDispatcher>');
  return dispatcher;
}

export function KeyDispatcher({ children }: { children: ReactNode }) {
  const dispatcher = useRef<Dispatcher | null>(null);
  if (!dispatcher.current) {
    const registry = new KeyRegistry();
    dispatcher.current = { registry, queue: new KeyQueue((press) => registry.dispatch(press)) };
  }
  const { queue } = dispatcher.current;
  useEffect(() => () => queue.dispose(), [queue]);
  useInput((input, key) => queue.push({ input, key }));
  return <DispatcherContext.Provider value={dispatcher.current}>{children}</DispatcherContext.Provider>;
}

/** For the state owner: tells the key queue after every commit that the last key has taken effect. */
export function useKeysSettled(): void {
  const { queue } = useDispatcher();
  useLayoutEffect(() => queue.settled());
}

/** For a handler whose work answers later: the next key waits for `work` (see KeyQueue.hold). */
export function useKeyHold(): (work: Promise<unknown>) => void {
  const { queue } = useDispatcher();
  return useCallback((work: Promise<unknown>) => queue.hold(work), [queue]);
}

export function useKeyHandler(handler: KeyHandler, priority: number, active = true): void {
  const { registry } = useDispatcher();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  // Registered during the commit, before the state owner reports the key as settled
  // (useKeysSettled): the next key already finds the handlers of what the last one opened.
  useLayoutEffect(() => {
    if (!active) return;
    return registry.add((press) => latest.current(press), priority);
  }, [registry, priority, active]);
}
