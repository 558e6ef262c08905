// Re-fetching the snapshot on engine events: at most one fetch in flight, at most one
// start per `minGapMs`, and a burst of requests collapses into one fetch.

export interface RefreshScheduler {
  request(): void;
  dispose(): void;
}

export function createRefreshScheduler(
  load: () => Promise<void>,
  minGapMs: number,
  now: () => number = Date.now,
): RefreshScheduler {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;
  let again = false;
  let lastStart = -Infinity;
  let disposed = false;

  const start = () => {
    timer = null;
    if (disposed) return;
    inFlight = true;
    lastStart = now();
    load()
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        if (again && !disposed) {
          again = false;
          request();
        }
      });
  };

  function request() {
    if (disposed) return;
    if (inFlight) {
      again = true;
      return;
    }
    if (timer) return;
    timer = setTimeout(start, Math.max(0, lastStart + minGapMs - now()));
  }

  return {
    request,
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
