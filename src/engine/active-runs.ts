// The runs executing in this process, by task, and the starts still on their way to the
// store (a shutdown must wait for those too).
import type { ActiveRun, AbortReason } from './run/active-run.js';

export class ActiveRuns {
  private readonly byTask = new Map<string, ActiveRun>();
  /** Settles when no start is between the store and this registry. */
  private launching: Promise<unknown> = Promise.resolve();

  get size(): number {
    return this.byTask.size;
  }

  taskIds(): ReadonlySet<string> {
    return new Set(this.byTask.keys());
  }

  all(): ActiveRun[] {
    return [...this.byTask.values()];
  }

  get(taskId: string): ActiveRun | undefined {
    return this.byTask.get(taskId);
  }

  byRunId(runId: number): ActiveRun | undefined {
    return this.all().find((a) => a.run.id === runId);
  }

  /** A start sent to the store: shutdown waits for it to settle. */
  starting(start: Promise<unknown>): void {
    this.launching = Promise.allSettled([this.launching, start]);
  }

  add(run: ActiveRun): void {
    this.byTask.set(run.taskId, run);
  }

  remove(run: ActiveRun): void {
    if (this.byTask.get(run.taskId) === run) this.byTask.delete(run.taskId);
  }

  /** Aborts every run, including runs whose start was already on its way, and waits until none is left. */
  async abortAll(reason: AbortReason): Promise<void> {
    for (;;) {
      await this.launching;
      const runs = this.all();
      if (runs.length === 0) return;
      for (const r of runs) r.abort(reason);
      await Promise.allSettled(runs.map((r) => r.finished));
      for (const r of runs) this.remove(r);
    }
  }
}
