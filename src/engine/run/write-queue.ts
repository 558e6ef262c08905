// Store writes of a run, in order, without blocking the handler; failures are reported, not thrown.
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  /** Some write failed (what the store holds may differ from what was pushed). */
  failed = false;

  constructor(private readonly onError: (err: unknown) => void) {}

  push(write: () => Promise<unknown>): void {
    this.tail = this.tail.then(write).then(
      () => undefined,
      (err: unknown) => {
        this.failed = true;
        this.onError(err);
      },
    );
  }

  drain(): Promise<void> {
    return this.tail;
  }
}
