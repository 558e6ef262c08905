// One shared one-second ticker for relative times ("in 4m", "2m ago"). A component using
// useClockText re-renders only when its displayed text changes, so ticks that change no
// text cause no render and no output at all.
import { createContext, useContext, useEffect, useLayoutEffect, useReducer, useRef, type ReactNode } from 'react';

export interface Clock {
  now(): number;
  subscribe(listener: (now: number) => void): () => void;
  /**
   * Ticks now, and the next tick comes a full interval later: the screen is drawing a frame
   * anyway (the engine's news), so the clock's texts change in that frame rather than in a
   * frame of their own a moment later. Optional: a test's clock ticks only when told.
   */
  tickNow?(): void;
}

export function createTicker(now: () => number = Date.now, intervalMs = 1000): Clock {
  const listeners = new Set<(now: number) => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const tick = () => {
    const at = now();
    for (const l of [...listeners]) l(at);
  };
  return {
    now,
    subscribe(listener) {
      listeners.add(listener);
      timer ??= setInterval(tick, intervalMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    tickNow() {
      if (!timer) return;
      clearInterval(timer);
      timer = setInterval(tick, intervalMs);
      tick();
    },
  };
}

const ClockContext = createContext<Clock | null>(null);

export function ClockProvider({ clock, children }: { clock: Clock; children: ReactNode }) {
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

export function useClock(): Clock {
  const clock = useContext(ClockContext);
  if (!clock) throw new Error('useClock() outside <ClockProvider>');
  return clock;
}

/** Text computed from the current time, re-rendered on a tick only when it would read differently. */
export function useClockText(compute: (now: number) => string): string {
  const clock = useClock();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const text = compute(clock.now());
  const latest = useRef({ compute, text });
  useLayoutEffect(() => {
    latest.current = { compute, text };
  });
  useEffect(
    () =>
      clock.subscribe((now) => {
        if (latest.current.compute(now) !== latest.current.text) rerender();
      }),
    [clock],
  );
  return text;
}
