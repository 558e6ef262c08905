// Each task's ring of recent outcomes, decoded once per change: the task list is read up to
// four times a second, and a ring's text changes only when one of its task's runs ends.
import { decodeRecent } from '../db/recent.js';
import type { TaskRow } from '../db/types.js';
import type { RecentRun } from './types.js';

export class RecentRings {
  private readonly decoded = new Map<string, { text: string; runs: readonly RecentRun[] }>();

  /** The task's recent runs, oldest first; the same array as last time while its ring is unchanged. */
  of(task: Pick<TaskRow, 'id' | 'recent'>): readonly RecentRun[] {
    const seen = this.decoded.get(task.id);
    if (seen && seen.text === task.recent) return seen.runs;
    const runs = Object.freeze(decodeRecent(task.recent));
    this.decoded.set(task.id, { text: task.recent, runs });
    return runs;
  }
}
