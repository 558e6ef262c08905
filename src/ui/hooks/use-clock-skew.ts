// How far this computer's clock is from the database server's (PostgreSQL store), checked
// at start and once a minute: only a warning, the store already corrects for it.
import { useEffect, useState } from 'react';
import type { EngineApi } from '../../engine/api.js';
import { CLOCK_SKEW_WARN_MS } from '../../engine/clock-skew.js';

const CHECK_EVERY_MS = 60_000;

/** The skew in ms when it is past the warning threshold, else null. */
export function useClockSkew(engine: EngineApi): number | null {
  const [skew, setSkew] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    const check = () =>
      void engine.clockSkewMs().then(
        (ms) => alive && setSkew(Math.abs(ms) > CLOCK_SKEW_WARN_MS ? ms : null),
        () => undefined,
      );
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    timer.unref?.();
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [engine]);
  return skew;
}
