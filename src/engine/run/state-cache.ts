// Per-task state as this instance last left it, so the next run here need not read it
// back. Only runs write state, and every run takes the task's lease, whose epoch grows
// with each acquisition: a run that starts at epoch e + 1 after ours ended at epoch e
// knows nobody else ran the task in between, so the state is what we wrote.
export class TaskStateCache {
  private readonly entries = new Map<string, { epoch: number; state: Record<string, unknown> }>();

  /** The state after this instance's run at `epoch − 1`; undefined when another run may have come between. */
  get(taskId: string, epoch: number): Record<string, unknown> | undefined {
    const entry = this.entries.get(taskId);
    return entry && entry.epoch === epoch - 1 ? entry.state : undefined;
  }

  /** The state as stored once the run at `epoch` ended. */
  set(taskId: string, epoch: number, state: Record<string, unknown>): void {
    this.entries.set(taskId, { epoch, state });
  }

  forget(taskId: string): void {
    this.entries.delete(taskId);
  }
}
