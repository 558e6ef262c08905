// The one keyboard entry point (after gemini-cli's keypress dispatch): a single useInput
// hands every key to registered handlers, highest priority first, until one takes it.
// A confirmation or the filter input thus sees keys before the screen under it.
import { useInput } from 'ink';
import { createContext, useContext, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { KeyPress } from '../keymap.js';

/** Returns true when it took the key. */
export type KeyHandler = (press: KeyPress) => boolean;

export const PRIORITY = { global: 100, modal: 50, input: 40, screen: 10 } as const;

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

const RegistryContext = createContext<KeyRegistry | null>(null);

export function KeyDispatcher({ children }: { children: ReactNode }) {
  const registry = useRef(new KeyRegistry()).current;
  useInput((input, key) => {
    registry.dispatch({ input, key });
  });
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

export function useKeyHandler(handler: KeyHandler, priority: number, active = true): void {
  const registry = useContext(RegistryContext);
  if (!registry) throw new Error('useKeyHandler() outside <KeyDispatcher>');
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!active) return;
    return registry.add((press) => latest.current(press), priority);
  }, [registry, priority, active]);
}
