// Store writes of a run, in order, without blocking the handler; failures are reported, not thrown.
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (err: unknown) => void) {}

  push(write: () => Promise<unknown>): void {
    this.tail = this.tail.then(write).then(
      () => undefined,
      (err: unknown) => this.onError(err),
    );
  }

  drain(): Promise<void> {
    return this.tail;
  }
}
