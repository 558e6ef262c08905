// The logs kept for cursor moves (src/ui/state/run-log-cache.ts): finished runs only, a few
// at most, and the rows on either side of the cursor are the ones fetched ahead.
import { describe, expect, test } from 'vitest';
import { buildTaskList } from '../../../src/ui/state/list-lines.js';
import {
  cachedLog,
  hasFinalLog,
  logsToPrefetch,
  rememberLogs,
  RUN_LOG_CACHE_SIZE,
} from '../../../src/ui/state/run-log-cache.js';
import { makeRun, makeTask, summaryOf } from '../../helpers/fake-engine.js';

const line = (message: string) => ({ at: 1, level: 'info' as const, message });
const entry = (runId: number) => ({ runId, log: [line(`run ${runId}`)] });

describe('the cache', () => {
  test('a run is kept once, the newest copy; the oldest go beyond the size', () => {
    let cache = rememberLogs([], [entry(1), entry(2)]);
    cache = rememberLogs(cache, [{ runId: 1, log: [line('again')] }]);
    expect(cache.map((c) => c.runId)).toEqual([2, 1]);
    expect(cachedLog(cache, 1)).toEqual([line('again')]);
    expect(cachedLog(cache, 3)).toBeNull();
    for (let id = 10; id < 10 + RUN_LOG_CACHE_SIZE; id++) cache = rememberLogs(cache, [entry(id)]);
    expect(cache).toHaveLength(RUN_LOG_CACHE_SIZE);
    expect(cachedLog(cache, 1)).toBeNull();
    expect(cachedLog(cache, 10 + RUN_LOG_CACHE_SIZE - 1)).not.toBeNull();
  });

  test('nothing to remember is the same cache', () => {
    const cache = rememberLogs([], [entry(1)]);
    expect(rememberLogs(cache, [])).toBe(cache);
  });

  test("only a finished run's log is final; a running or purged one is not", () => {
    expect(hasFinalLog(makeRun({ outcome: 'error' }))).toBe(true);
    expect(hasFinalLog(makeRun({ outcome: 'running' }))).toBe(false);
    expect(hasFinalLog(makeRun({ detailsPurged: true }))).toBe(false);
  });
});

describe('what is fetched ahead', () => {
  const tasks = [1, 2, 3, 4].map((n) =>
    makeTask({ id: `t${n}`, name: `Task ${n}`, lastRun: summaryOf(makeRun({ id: n, taskId: `t${n}` })) }),
  );
  const viewAt = (selectedId: string, list = tasks) =>
    buildTaskList(list, { grouping: 'type', filter: '', selectedId, typeLabel: (t) => t });

  test('the runs of the rows above and below the cursor, not those already kept', () => {
    expect(logsToPrefetch(viewAt('t2'), [])).toEqual([1, 3]);
    expect(logsToPrefetch(viewAt('t1'), [])).toEqual([2]);
    expect(logsToPrefetch(viewAt('t4'), [])).toEqual([3]);
    expect(logsToPrefetch(viewAt('t2'), [entry(3)])).toEqual([1]);
  });

  test('neither a running run, a purged one, nor a task that never ran', () => {
    const list = [
      makeTask({
        id: 't1',
        name: 'Task 1',
        lastRun: summaryOf(makeRun({ id: 1, outcome: 'running', finishedAt: null })),
      }),
      tasks[1]!,
      makeTask({ id: 't3', name: 'Task 3', lastRun: summaryOf(makeRun({ id: 3, detailsPurged: true })) }),
      makeTask({ id: 't4', name: 'Task 4', lastRun: null }),
    ];
    expect(logsToPrefetch(viewAt('t2', list), [])).toEqual([]);
    expect(logsToPrefetch(viewAt('t3', list), [])).toEqual([2]);
  });
});
