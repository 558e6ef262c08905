// Exclusivity, checked afterwards in the database: two runs of one task whose times overlap.
import { openStore } from '../../src/db/index.js';

export async function countOverlaps(
  db: string,
): Promise<{ runs: number; overlaps: number; stillRunning: number; outcomes: Record<string, number> }> {
  const store = openStore(db);
  try {
    const runs = await store.historyPage({ filter: {}, limit: 10_000_000 });
    const byTask = new Map<string, typeof runs>();
    for (const r of runs) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
    let overlaps = 0;
    for (const list of byTask.values()) {
      list.sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!;
        if (prev.finishedAt === null || list[i]!.startedAt < prev.finishedAt) overlaps++;
      }
    }
    const outcomes: Record<string, number> = {};
    for (const r of runs) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    return { runs: runs.length, overlaps, stillRunning: runs.filter((r) => r.outcome === 'running').length, outcomes };
  } finally {
    await store.close();
  }
}
