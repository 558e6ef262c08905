// Group commit: the calls of one kind made before a queued microtask runs (several runs
// ending or starting in the same turn of the event loop) go to the store as one batch, which
// commits them in one write transaction, each in a savepoint of its own (docs/ARCHITECTURE.md,
// Storage; BENCHMARKS.md, Session 11). One commit instead of several: the WAL frames of the
// pages they share (the task rows' page, the newest leaves of the runs' indexes) are written
// once, and so is the commit itself.

/** One call's result, or the error it alone threw (its savepoint rolled back). */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export function settle<O>(call: () => O): Settled<O> {
  try {
    return { ok: true, value: call() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * settle for a call in a savepoint of the batch's transaction. Some errors (disk full, I/O)
 * make SQLite roll back the whole transaction, the calls settled before included: then the
 * error is thrown, so the batch fails as a whole and nothing is reported done that was not.
 */
export function settleIn<O>(db: { readonly inTransaction: boolean }, call: () => O): Settled<O> {
  const r = settle(call);
  if (!r.ok && !db.inTransaction) throw r.error;
  return r;
}

interface Pending<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<I, O> {
  private pending: Pending<I, O>[] = [];
  /**
   * `flush` commits the inputs in one transaction and settles each; when it throws (the
   * transaction could not start or commit), every call of the batch fails with that error.
   */
  constructor(private readonly flush: (inputs: I[]) => Promise<Settled<O>[]>) {}

  add(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      if (this.pending.push({ input, resolve, reject }) === 1) queueMicrotask(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const results = await this.flush(batch.map((p) => p.input));
      for (let i = 0; i < batch.length; i++) {
        const r = results[i]!;
        if (r.ok) batch[i]!.resolve(r.value);
        else batch[i]!.reject(r.error);
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}
