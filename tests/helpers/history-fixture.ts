// A run history to page through: six tasks over three services, runs with seeded random
// outcomes, and an oracle (every run the store returned) to check pages against.
import type { HistoryFilter, Outcome, RunRow, Store } from '../../src/db/index.js';
import { MINUTE, T0, recordRun, seededRandom, serviceDef, taskDef } from './db-fixtures.js';

export const SERVICES = ['s1', 's2', 's3'];
export const TASKS = [
  { id: 'a', service: 's1', type: 'calls' },
  { id: 'b', service: 's1', type: 'leads' },
  { id: 'c', service: 's2', type: 'calls' },
  { id: 'd', service: 's2', type: 'schedule' },
  { id: 'e', service: 's3', type: 'messages' },
  { id: 'f', service: 's3', type: 'calls' },
];
const FINISHED: Exclude<Outcome, 'running'>[] = [
  'success',
  'success',
  'success',
  'warning',
  'error',
  'error',
  'cancelled',
  'interrupted',
];
/** Runs start this far apart: wider than the id window's slack (src/db/history-time.ts), so time ranges really bound the scan. */
export const RUN_STEP_MS = 10 * MINUTE;
/** Every fourth run is started by hand by olga, the rest by the scheduler. */
const startedByOf = (i: number) => (i % 4 === 0 ? 'olga' : 'scheduler');
/** The start of the n-th run added first (n from 1). */
const nth = (n: number) => T0 + n * RUN_STEP_MS;

export const FILTERS: [string, HistoryFilter][] = [
  ['no filter', {}],
  ['task', { taskId: 'c' }],
  ['service', { serviceId: 's2' }],
  ['type', { type: 'calls' }],
  ['one outcome', { outcomes: ['error'] }],
  ['errors (several outcomes)', { outcomes: ['error', 'interrupted'] }],
  ['visible tasks', { visibleTaskIds: ['a', 'd', 'f'] }],
  ['visible tasks + service', { visibleTaskIds: ['a', 'd', 'f'], serviceId: 's1' }],
  ['visible tasks + several outcomes', { visibleTaskIds: ['b', 'e'], outcomes: ['error', 'interrupted'] }],
  ['one visible task', { visibleTaskIds: ['e'] }],
  ['type + outcome', { type: 'calls', outcomes: ['success'] }],
  // Between two runs' start times: an end of a window need not fall on a run.
  ['since', { since: nth(20) + 1 }],
  ['until', { until: nth(120) }],
  ['time range', { since: nth(30), until: nth(100) }],
  ['time range + task', { since: nth(10), until: nth(140), taskId: 'c' }],
  ['started by a user', { startedBy: 'olga' }],
  ['started by + time range', { startedBy: 'olga', since: nth(5), until: nth(145) }],
  ['visible tasks + time range', { visibleTaskIds: ['a', 'd', 'f'], since: nth(10), until: nth(130) }],
];

export function matches(f: HistoryFilter, r: RunRow): boolean {
  return (
    (f.visibleTaskIds === undefined || f.visibleTaskIds.includes(r.taskId)) &&
    (f.taskId === undefined || r.taskId === f.taskId) &&
    (f.serviceId === undefined || r.serviceId === f.serviceId) &&
    (f.type === undefined || r.taskType === f.type) &&
    (f.outcomes === undefined || f.outcomes.includes(r.outcome)) &&
    (f.startedBy === undefined || r.startedBy === f.startedBy) &&
    (f.since === undefined || r.startedAt >= f.since) &&
    (f.until === undefined || r.startedAt < f.until)
  );
}

export const ids = (rows: RunRow[]) => rows.map((r) => r.id);

export class HistoryOracle {
  /** Every run in the database, as the store returned it. */
  readonly all: RunRow[] = [];
  clock = T0;
  private readonly random = seededRandom(20250106);

  constructor(private readonly store: Store) {}

  async defineTasks(): Promise<void> {
    await this.store.syncDefinitions(
      SERVICES.map((s) => serviceDef(s)),
      TASKS.map((t) => taskDef(t.id, t.service, { type: t.type })),
      T0,
    );
  }

  async addRuns(n: number): Promise<RunRow[]> {
    const added: RunRow[] = [];
    for (let i = 0; i < n; i++) {
      const task = TASKS[Math.floor(this.random() * TASKS.length)]!;
      const outcome = FINISHED[Math.floor(this.random() * FINISHED.length)]!;
      this.clock += RUN_STEP_MS;
      const run = await recordRun(this.store, task.id, this.clock, outcome, {
        instanceId: `inst-${i % 2}`,
        startedBy: startedByOf(this.all.length),
      });
      this.all.push(run);
      added.push(run);
    }
    return added;
  }

  /** Matching runs as they are in the database now, newest first. */
  expected(f: HistoryFilter): RunRow[] {
    return this.all.filter((r) => matches(f, r)).sort((x, y) => y.id - x.id);
  }
}
