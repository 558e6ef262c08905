// How long an instance that is stopping waits for its store. A stop must end the process
// even when the database stopped answering (a hung PostgreSQL has no client-side limit):
// after the runs' stop grace the store gets a few seconds to record their end; after that
// the runs are left to their leases, and another instance records them interrupted
// (docs/ARCHITECTURE.md, Composition root).
/** After the runs' stop grace, what the database gets to record their end and this instance's. */
export const CLOSE_STORE_MS = 5_000;

export function closeWithinMs(stopGraceMs: number): number {
  return stopGraceMs + CLOSE_STORE_MS;
}

/** Said when an instance could not record its end in time (its runs are not recorded as ended). */
export const LEFT_TO_LEASES = 'its runs are recorded as interrupted by another instance once their leases expire';

/** 'closed' when `closing` settles first, 'late' when `ms` pass first. */
export async function settledWithin(closing: Promise<unknown>, ms: number): Promise<'closed' | 'late'> {
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (deadline = setTimeout(() => resolve('late'), ms)));
  const closed = closing.then(
    () => 'closed' as const,
    () => 'closed' as const,
  );
  try {
    return await Promise.race([closed, late]);
  } finally {
    clearTimeout(deadline);
  }
}
