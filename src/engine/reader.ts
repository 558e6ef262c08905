// The engine's read side: the task list, the history, a run's details and the catalogue,
// each filtered to what the user may see (docs/ARCHITECTURE.md, Visibility and permissions).
import type { Store } from '../db/store.js';
import type { HistoryFilter, InstanceRow, ServiceDef, TaskRow } from '../db/types.js';
import type { ActiveRuns } from './active-runs.js';
import type { EngineApi } from './api.js';
import type { Clock } from './clock.js';
import type { LoadedConfig } from '../config/load.js';
import { definitionsOf, unsyncedRow } from './definitions.js';
import { canSee } from './identity.js';
import type { NameCache } from './names.js';
import { instanceViews } from './instance-views.js';
import { historyFilterFor } from './selection.js';
import {
  EngineError,
  SCHEDULER,
  type HistoryQuery,
  type Identity,
  type InstanceView,
  type RunDetails,
  type RunSummary,
  type TaskView,
} from './types.js';
import { isLive, toRunDetails, toRunSummary, toTaskView, type Names } from './views.js';

/** The store's order of tasks (ORDER BY id: code units, as SQLite's BINARY collation). */
const byId = (a: TaskRow, b: TaskRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `names` with the config's services where the store has none yet. */
function withServices(names: Names, services: readonly ServiceDef[]): Names {
  const known = new Map(services.map((s) => [s.id, { ...s, updatedAt: 0, inConfig: true }]));
  for (const [id, s] of names.services) known.set(id, s);
  return { ...names, services: known };
}

/** What the task list is read from: the engine's reader has these, and more. */
export interface SnapshotDeps {
  store: Pick<Store, 'listTasks' | 'getRuns'>;
  /** The config in force (the engine's ConfigHolder; a read command's own config). */
  config: { readonly current: LoadedConfig };
  clock: Clock;
  identity: Identity;
  instanceId: string;
  names: NameCache;
  active: ActiveRuns;
  /**
   * An instance about to register, counted as live (the dashboard's preview: its own engine
   * is starting, and its first snapshot will count itself).
   */
  joining?: InstanceRow;
}

/** The task list as the user sees it (EngineReader.snapshot, and a read command's taskReader). */
export async function readSnapshot(deps: SnapshotDeps): Promise<TaskView[]> {
  const { store, identity, names, active } = deps;
  const tasks = store.listTasks();
  const [stored] = await Promise.all([tasks, names.refresh(tasks)]);
  const now = deps.clock.now();
  // A database no running instance has written definitions to yet: the config's tasks, never
  // run, and its services' names, as the first instance will write them (in the store's order, by id).
  const defs = stored.length > 0 ? null : definitionsOf(deps.config.current);
  const rows = defs ? defs.tasks.map((d) => unsyncedRow(d, now)).sort(byId) : stored;
  const shown = defs ? withServices(names.names, defs.services) : names.names;
  const visible = rows.filter((t) => t.inConfig && canSee(identity, t));
  const lastIds = visible.map((t) => t.lastRunId).filter((id): id is number => id !== null);
  const lastRuns = new Map((await store.getRuns(lastIds)).map((r) => [r.id, r]));
  const { joining } = deps;
  const liveInstances = [...names.names.instances.values()]
    .filter((i) => i.id !== joining?.id && isLive(i, now, deps.config.current.engine.leaseTtl))
    .concat(joining ? [joining] : []);
  return visible.map((t) => {
    const last = t.lastRunId !== null ? lastRuns.get(t.lastRunId) : undefined;
    const here = active.get(t.id);
    return toTaskView(t, {
      identity,
      instanceId: deps.instanceId,
      now,
      names: shown,
      lastRun: last ? toRunSummary(last, shown, deps.config.current.retention) : null,
      live: here?.run.id === t.lastRunId ? here.progress : undefined,
      liveInstances,
    });
  });
}

export class EngineReader {
  private taskRowsForVisibility: TaskRow[] | null = null;

  constructor(private readonly deps: Omit<SnapshotDeps, 'store' | 'joining'> & { store: Store }) {}

  /** Definitions were written (a reload here, or the fleet's version changed): read them again. */
  definitionsChanged(): void {
    this.taskRowsForVisibility = null;
  }

  snapshot(): Promise<TaskView[]> {
    return readSnapshot(this.deps);
  }

  /** Every live instance, with the visible tasks each runs now. */
  async instances(): Promise<InstanceView[]> {
    const { store, identity, config, clock, instanceId } = this.deps;
    const [rows, tasks] = await Promise.all([store.listInstances({ running: true }), store.listTasks()]);
    return instanceViews(rows, tasks, {
      now: clock.now(),
      leaseTtlMs: config.current.engine.leaseTtl,
      selfId: instanceId,
      visible: (t) => canSee(identity, t),
    });
  }

  async history(q: HistoryQuery): Promise<RunSummary[]> {
    const filter = await this.historyFilter(q);
    const rows = await this.deps.store.historyPage({
      filter,
      limit: q.limit,
      beforeId: q.beforeId,
      afterId: q.afterId,
      oldest: q.oldest,
    });
    const names = await this.deps.names.covering(rows);
    return rows.map((r) => toRunSummary(r, names, this.deps.config.current.retention));
  }

  async countHistory(q: Omit<HistoryQuery, 'limit'>, bound: number): Promise<number> {
    return this.deps.store.countHistory(await this.historyFilter(q), bound);
  }

  async runDetails(runId: number): Promise<RunDetails> {
    const { store } = this.deps;
    const run = await store.getRun(runId);
    if (!run || !(await this.canSeeTask(run.taskId))) throw new EngineError('not-found', `no run ${runId}`);
    const [log, exchanges] =
      run.detailsPurgedAt === null ? await Promise.all([store.runLog(runId), store.runExchanges(runId)]) : [[], []];
    const inARow = run.outcome === 'interrupted' ? await this.interruptedInARow(run.taskId, run.id) : 0;
    return toRunDetails(
      run,
      log,
      exchanges,
      await this.deps.names.covering([run]),
      this.deps.config.current.retention,
      inARow,
    );
  }

  /** Interrupted runs of the task in a row ending with this one (cancelled runs do not break the row, as in the schedule). */
  private async interruptedInARow(taskId: string, runId: number): Promise<number> {
    const recent = await this.deps.store.historyPage({ filter: { taskId }, beforeId: runId + 1, limit: 20 });
    let count = 0;
    for (const r of recent) {
      if (r.outcome === 'cancelled') continue;
      if (r.outcome !== 'interrupted') break;
      count++;
    }
    return count;
  }

  async catalog(): ReturnType<EngineApi['catalog']> {
    const { store, identity, names } = this.deps;
    const tasks = store.listTasks();
    const [stored] = await Promise.all([tasks, names.refresh(tasks)]);
    // A database nobody has written definitions to yet: the config's, as in snapshot().
    const defs = stored.length > 0 ? null : definitionsOf(this.deps.config.current);
    const rows = defs ? defs.tasks.map((d) => unsyncedRow(d, this.deps.clock.now())) : stored;
    const visible = rows.filter((t) => canSee(identity, t));
    const serviceIds = [...new Set(visible.map((t) => t.serviceId))].sort();
    const serviceName = (id: string) =>
      names.names.services.get(id)?.name ?? defs?.services.find((s) => s.id === id)?.name ?? id;
    return {
      services: serviceIds.map((id) => ({ id, name: serviceName(id) })),
      types: [...new Set(visible.map((t) => t.type))].sort(),
      tasks: visible.map((t) => ({ id: t.id, name: t.name })),
      // Who may have started a run: the scheduler and the config's users.
      users: [SCHEDULER, ...this.deps.config.current.users.map((u) => u.name).sort()],
    };
  }

  /** The task's row, or not-found when it does not exist or the user may not see it. */
  async visibleTask(taskId: string): Promise<TaskRow> {
    const row = await this.deps.store.getTask(taskId);
    if (!row || !canSee(this.deps.identity, row)) throw new EngineError('not-found', `no task "${taskId}"`);
    return row;
  }

  private async canSeeTask(taskId: string): Promise<boolean> {
    const row = await this.deps.store.getTask(taskId);
    return Boolean(row && canSee(this.deps.identity, row));
  }

  private async historyFilter(q: Omit<HistoryQuery, 'limit'>): Promise<HistoryFilter> {
    const { identity, store } = this.deps;
    // Task definitions change only when a config is published: read them once per version (definitionsChanged()).
    this.taskRowsForVisibility ??= identity.settings ? [] : await store.listTasks();
    return historyFilterFor(identity, this.taskRowsForVisibility, q);
  }
}
