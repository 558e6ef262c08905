// The one keyboard entry point (after gemini-cli's keypress dispatch): every key read from
// the terminal goes to registered handlers, highest priority first, until one takes it.
// A confirmation or the filter input thus sees keys before the screen under it.
import { useStdin } from 'ink';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type Dispatch,
  type ReactNode,
} from 'react';
import { findBinding, type KeyContext, type KeyPress } from '../keymap.js';
import { ExpectedState } from './expected-state.js';
import { KeyQueue } from './key-queue.js';
import { keysOfRead } from './keys-of-read.js';

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

type DropListener = (count: number) => void;

interface Dispatcher {
  registry: KeyRegistry;
  queue: KeyQueue;
  /** Told when keys typed ahead are dropped (KeyQueueOptions.onDropped). */
  dropListeners: Set<DropListener>;
}

const DispatcherContext = createContext<Dispatcher | null>(null);

function useDispatcher(): Dispatcher {
  const dispatcher = useContext(DispatcherContext);
  if (!dispatcher) throw new Error('key handling outside <KeyDispatcher>');
  return dispatcher;
}

/**
 * Ink cuts each read from the terminal into pieces (runs of text, each escape sequence,
 * ESC ESC) and hands them over one after another in the same tick; useInput would then
 * decode each piece alone, and two Escapes in one read would be one Escape. Joined again
 * at the end of the tick, the pieces are the read, and keysOfRead decides every key in it
 * (Escape or Alt+key by what follows in the read). A lone ESC at the end of a read comes
 * a moment later (Ink waits for the rest of a sequence): it is a read of its own, Escape.
 */
function readJoiner(onRead: (text: string) => void): { add: (piece: string) => void; dispose: () => void } {
  let pending = '';
  let disposed = false;
  return {
    add(piece) {
      if (pending === '') {
        queueMicrotask(() => {
          const read = pending;
          pending = '';
          if (!disposed) onRead(read);
        });
      }
      pending += piece;
    },
    dispose: () => void (disposed = true),
  };
}

export function KeyDispatcher({ children }: { children: ReactNode }) {
  const dispatcher = useRef<Dispatcher | null>(null);
  if (!dispatcher.current) {
    const registry = new KeyRegistry();
    const dropListeners = new Set<DropListener>();
    const queue = new KeyQueue((press) => registry.dispatch(press), {
      atOnce: (press) => findBinding('global', press) !== undefined,
      onDropped: (count) => dropListeners.forEach((listener) => listener(count)),
    });
    dispatcher.current = { registry, queue, dropListeners };
  }
  const { queue } = dispatcher.current;
  useEffect(() => () => queue.dispose(), [queue]);
  // What useInput does, but on whole reads: raw mode on, Ink's raw input events (its stdin
  // reader and escape-sequence timing stay Ink's).
  const { setRawMode, internal_eventEmitter: input } = useStdin();
  useEffect(() => {
    setRawMode(true);
    return () => setRawMode(false);
  }, [setRawMode]);
  useEffect(() => {
    const reads = readJoiner((text) => queue.push(keysOfRead(text)));
    input.on('input', reads.add);
    return () => {
      input.off('input', reads.add);
      reads.dispose();
    };
  }, [input, queue]);
  return <DispatcherContext.Provider value={dispatcher.current}>{children}</DispatcherContext.Provider>;
}

/** Work a key started that answers later: `arrived` as in KeyHold.work; `cancel` makes its answer change nothing. */
export interface HeldWork {
  arrived: Promise<boolean>;
  cancel: () => void;
}

/**
 * For a handler whose work answers later: the keys after it wait for `work` (KeyQueue.hold);
 * the keys that leave `context` ("back": Esc, q) give up the wait.
 */
export function useKeyHold(context: KeyContext): (work: HeldWork) => void {
  const { queue } = useDispatcher();
  return useCallback(
    ({ arrived, cancel }: HeldWork) =>
      queue.hold({ work: arrived, cancel, cancelledBy: (press) => findBinding(context, press)?.action === 'back' }),
    [queue, context],
  );
}

/** For the state owner: told how many keys typed ahead were dropped, to say so. */
export function useDroppedKeys(listener: DropListener): void {
  const { dropListeners } = useDispatcher();
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const forward = (count: number) => latest.current(count);
    dropListeners.add(forward);
    return () => void dropListeners.delete(forward);
  }, [dropListeners]);
}

/**
 * For the state owner: its dispatch, telling the key queue whether a key's action changes
 * the state it will meet (ExpectedState; the reducer asked once more, only while a key is
 * being handled), and after every commit that the change has taken effect.
 */
export function useSettlingDispatch<S, A>(
  reducer: (state: S, action: A) => S,
  state: S,
  dispatch: Dispatch<A>,
): Dispatch<A> {
  const { queue } = useDispatcher();
  const [expected] = useState(() => new ExpectedState(reducer, state));
  useLayoutEffect(() => {
    expected.committed(state);
    queue.settled();
  });
  return useCallback(
    (action: A) => {
      if (expected.dispatched(action, queue.handlingKey)) queue.changed();
      dispatch(action);
    },
    [queue, expected, dispatch],
  );
}

export function useKeyHandler(handler: KeyHandler, priority: number, active = true): void {
  const { registry } = useDispatcher();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  // Registered during the commit, before the state owner reports the key as settled
  // (useSettlingDispatch): the next key already finds the handlers of what the last one opened.
  useLayoutEffect(() => {
    if (!active) return;
    return registry.add((press) => latest.current(press), priority);
  }, [registry, priority, active]);
}
