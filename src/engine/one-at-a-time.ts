/** Wraps a periodic job so a call that comes while the previous one still runs is skipped. */
export function oneAtATime(job: () => Promise<void>): () => Promise<void> {
  let running = false;
  return async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } finally {
      running = false;
    }
  };
}
