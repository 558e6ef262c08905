// An in-memory EngineApi for UI tests: tasks, runs and events the test controls, and a
// record of every call the UI made.
import type { EngineApi } from '../../src/engine/api.js';
import {
  type ConfigStatus,
  EngineError,
  type AlertTrouble,
  type EngineEvent,
  type HistoryQuery,
  type Identity,
  type InstanceInfo,
  type InstanceView,
  type LogLine,
  type RunDetails,
  type RunSummary,
  type TaskView,
} from '../../src/engine/types.js';

export const MINUTE = 60_000;
/** A fixed "now" for UI tests: 26 Nov 2025, 14:10 local time. */
export const NOW = new Date(2025, 10, 26, 14, 10, 0).getTime();
/** 14:02 local time on the same day. */
export const AT_1402 = new Date(2025, 10, 26, 14, 2, 0).getTime();

export function makeRun(overrides: Partial<RunDetails> = {}): RunDetails {
  return {
    id: 1,
    taskId: 'calls',
    taskName: 'Receive calls',
    service: 'telephony',
    serviceName: 'Telephony',
    type: 'calls',
    trigger: 'schedule',
    startedBy: 'scheduler',
    instance: 'inst-a',
    instanceLabel: 'anna@clinic-pc',
    instanceKind: 'dashboard',
    instancePid: 4242,
    startedAt: AT_1402,
    finishedAt: AT_1402 + 1200,
    durationMs: 1200,
    outcome: 'success',
    errorClass: null,
    message: null,
    stoppedBy: null,
    progressDone: null,
    progressTotal: null,
    hasDiagnostics: false,
    recordsExchanges: true,
    detailsPurged: false,
    detailsPurgedAt: null,
    detailsKeptUntil: null,
    log: [],
    exchanges: [],
    interruptedInARow: 0,
    ...overrides,
  };
}

export function summaryOf(run: RunDetails): RunSummary {
  const { log: _log, exchanges: _exchanges, interruptedInARow: _inARow, ...summary } = run;
  return summary;
}

export function makeTask(overrides: Partial<TaskView> = {}): TaskView {
  const lastOutcome = overrides.lastRun?.outcome;
  // Red as the engine decides it (views.ts), unless the test says otherwise.
  const failing = (overrides.failures ?? 0) > 0 || lastOutcome === 'error' || lastOutcome === 'interrupted';
  return {
    failing,
    id: 'calls',
    name: 'Receive calls',
    type: 'calls',
    service: 'telephony',
    serviceName: 'Telephony',
    role: 'reception',
    status: 'waiting',
    paused: false,
    enabled: true,
    progress: null,
    intervalMs: MINUTE,
    effectiveIntervalMs: MINUTE,
    cron: null,
    failures: 0,
    failingSince: null,
    interruptions: 0,
    nextRunAt: NOW + 4 * MINUTE,
    runnableOn: ['anna@clinic-pc'],
    idle: null,
    runningOn: null,
    runningOnLabel: null,
    repeat: false,
    lastRun: null,
    last: null,
    autoHere: true,
    recentRing: '[]',
    can: { run: true, stop: false, pause: true, diagnostics: true },
    ...overrides,
  };
}

/** A live instance: by default this dashboard (inst-a, anna@clinic-pc). */
export function makeInstance(overrides: Partial<InstanceView> = {}): InstanceView {
  return {
    id: 'inst-a',
    label: 'anna@clinic-pc',
    user: 'anna',
    osUser: 'anna',
    host: 'clinic-pc',
    pid: 4242,
    kind: 'dashboard',
    version: '0.1.0',
    roles: ['admin'],
    schedules: true,
    startedAt: AT_1402 - 60 * MINUTE,
    heartbeatAt: NOW - 2_000,
    clockSkewMs: null,
    running: [],
    self: true,
    ...overrides,
  };
}

/** A failing task backing off: interval 1m, effective 4m, failing since 14:02 for 5 runs. */
export function failingTask(overrides: Partial<TaskView> = {}): TaskView {
  const run = makeRun({
    id: 7,
    outcome: 'error',
    errorClass: 'network',
    message: 'connect ECONNREFUSED 127.0.0.1:8081',
  });
  return makeTask({
    failures: 5,
    failingSince: AT_1402,
    effectiveIntervalMs: 4 * MINUTE,
    lastRun: summaryOf(run),
    ...overrides,
  });
}

export function runningTask(overrides: Partial<TaskView> = {}): TaskView {
  const run = makeRun({
    id: 9,
    outcome: 'running',
    finishedAt: null,
    durationMs: null,
    progressDone: 42,
    progressTotal: 100,
  });
  return makeTask({
    status: 'running',
    progress: 0.42,
    runningOn: 'inst-a',
    runningOnLabel: 'anna@clinic-pc',
    lastRun: summaryOf(run),
    can: { run: false, stop: true, pause: true, diagnostics: true },
    ...overrides,
  });
}

/** Runs 1..count made from their id when read, so a test can have a million without holding them. */
export interface GeneratedHistory {
  count: number;
  run(id: number): RunDetails;
}

export interface FakeEngineOptions {
  identity?: Partial<Identity>;
  instance?: Partial<InstanceInfo>;
  location?: Partial<EngineApi['location']>;
  tasks?: TaskView[];
  runs?: RunDetails[];
  /** Runs with ids 1..count; the runs of `runs` and new ones take ids above them. */
  generated?: GeneratedHistory;
  /** What instances() answers (default: this dashboard alone). */
  instances?: InstanceView[];
}

/** What the engine's history filter keeps (src/engine/selection.ts: `errors` is what is red, error and interrupted). */
export function matchesQuery(run: RunSummary, q: Omit<HistoryQuery, 'limit'>): boolean {
  if (q.taskId !== undefined && run.taskId !== q.taskId) return false;
  if (q.service !== undefined && run.service !== q.service) return false;
  if (q.type !== undefined && run.type !== q.type) return false;
  if (q.outcome === 'errors' && run.outcome !== 'error' && run.outcome !== 'interrupted') return false;
  if (q.outcome !== undefined && q.outcome !== 'errors' && run.outcome !== q.outcome) return false;
  if (q.startedBy !== undefined && run.startedBy !== q.startedBy) return false;
  if (q.until !== undefined && run.startedAt >= q.until) return false;
  return q.since === undefined || run.startedAt >= q.since;
}

export interface Call {
  method: string;
  args: unknown[];
}

export class FakeEngine implements EngineApi {
  readonly identity: Identity;
  readonly instance: InstanceInfo;
  readonly location: EngineApi['location'];
  tasks: TaskView[];
  /** What instances() answers; a test changes it to play instances starting and going away. */
  liveInstances: InstanceView[];
  readonly runs = new Map<number, RunDetails>();
  readonly calls: Call[] = [];
  snapshots = 0;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private nextRunId = 100;
  private readonly generated: GeneratedHistory | null;

  constructor(options: FakeEngineOptions = {}) {
    this.identity = {
      user: 'anna',
      osUser: 'anna',
      roles: ['admin'],
      permissions: ['integration-settings'],
      settings: true,
      known: true,
      ...options.identity,
    };
    this.instance = { id: 'inst-a', user: 'anna', host: 'clinic-pc', pid: 4242, ...options.instance };
    this.location = {
      database: '/var/lib/syncdeck/syncdeck.db',
      config: '/etc/syncdeck.yaml',
      demo: false,
      ...options.location,
    };
    this.tasks = options.tasks ?? [makeTask()];
    this.liveInstances = options.instances ?? [makeInstance()];
    for (const run of options.runs ?? []) this.runs.set(run.id, run);
    this.generated = options.generated ?? null;
    this.nextRunId = Math.max(
      this.nextRunId,
      (this.generated?.count ?? 0) + 1,
      ...[...this.runs.keys()].map((id) => id + 1),
    );
  }

  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private task(taskId: string): TaskView {
    const task = this.tasks.find((t) => t.id === taskId);
    if (!task) throw new EngineError('not-found', `No task ${taskId}`);
    return task;
  }

  emit(event: EngineEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Changes one task and tells the UI, as the engine does after a change. */
  update(taskId: string, patch: Partial<TaskView>): void {
    this.tasks = this.tasks.map((t) => (t.id === taskId ? { ...t, ...patch } : t));
    this.emit({ type: 'tasks-changed' });
  }

  async snapshot(): Promise<TaskView[]> {
    this.snapshots++;
    return structuredClone(this.tasks);
  }

  async runNow(taskId: string): Promise<RunSummary> {
    this.record('runNow', taskId);
    const task = this.task(taskId);
    if (task.status === 'running' || task.runningOn) {
      throw new EngineError('already-running', `${task.name} is already running`, {
        instance: task.runningOn ?? undefined,
        instanceLabel: task.runningOnLabel ?? undefined,
      });
    }
    if (!task.can.run) throw new EngineError('forbidden', 'Not allowed');
    const run = makeRun({
      id: this.nextRunId++,
      taskId,
      taskName: task.name,
      outcome: 'running',
      trigger: 'manual',
      startedBy: this.identity.user,
      finishedAt: null,
      durationMs: null,
      hasDiagnostics: true,
    });
    this.runs.set(run.id, run);
    const summary = summaryOf(run);
    this.tasks = this.tasks.map((t) =>
      t.id === taskId
        ? {
            ...t,
            status: 'running',
            runningOn: this.instance.id,
            runningOnLabel: 'anna@clinic-pc',
            lastRun: summary,
            can: { ...t.can, run: false, stop: true },
          }
        : t,
    );
    this.emit({ type: 'run-started', run: summary });
    return summary;
  }

  async waitForRun(runId: number): Promise<RunSummary> {
    const run = this.runs.get(runId);
    if (!run) throw new EngineError('not-found', `No run ${runId}`);
    return summaryOf(run);
  }

  async stop(taskId: string): Promise<{ runningOn: string | null }> {
    this.record('stop', taskId);
    return { runningOn: this.task(taskId).runningOn };
  }

  async pause(taskId: string): Promise<void> {
    this.record('pause', taskId);
    this.update(taskId, { paused: true, status: 'paused', nextRunAt: null });
  }

  async resume(taskId: string): Promise<void> {
    this.record('resume', taskId);
    this.update(taskId, { paused: false, status: 'waiting', nextRunAt: NOW + MINUTE });
  }

  private run(id: number): RunDetails | undefined {
    return (
      this.runs.get(id) ??
      (this.generated && id >= 1 && id <= this.generated.count ? this.generated.run(id) : undefined)
    );
  }

  /** Every run, newest first, with an id below `below`: the explicit runs merged with the generated ones. */
  private *descending(below: number): Generator<RunSummary> {
    const explicit = [...this.runs.values()].filter((r) => r.id < below).sort((a, b) => b.id - a.id);
    let g = Math.min(below - 1, this.generated?.count ?? 0);
    let i = 0;
    while (i < explicit.length || g >= 1) {
      const e = explicit[i];
      if (e && (g < 1 || e.id > g)) {
        i++;
        yield summaryOf(e);
      } else {
        yield summaryOf(this.generated!.run(g--));
      }
    }
  }

  /** Every run, oldest first, with an id above `above`. */
  private *ascending(above: number): Generator<RunSummary> {
    const explicit = [...this.runs.values()].filter((r) => r.id > above).sort((a, b) => a.id - b.id);
    const count = this.generated?.count ?? 0;
    let g = Math.max(above + 1, 1);
    let i = 0;
    while (i < explicit.length || g <= count) {
      const e = explicit[i];
      if (e && (g > count || e.id < g)) {
        i++;
        yield summaryOf(e);
      } else {
        yield summaryOf(this.generated!.run(g++));
      }
    }
  }

  /** Keyset paging as the engine does it: newest first; `afterId` and `oldest` read upwards and still answer newest first. */
  async history(query: HistoryQuery): Promise<RunSummary[]> {
    this.record('history', query);
    const upward = query.afterId !== undefined || query.oldest === true;
    const source = upward
      ? this.ascending(query.afterId ?? 0)
      : this.descending(query.beforeId ?? Number.POSITIVE_INFINITY);
    const page: RunSummary[] = [];
    for (const run of source) {
      if (page.length >= query.limit) break;
      if (matchesQuery(run, query)) page.push(run);
    }
    return upward ? page.reverse() : page;
  }

  async countHistory(query: Omit<HistoryQuery, 'limit'>, bound: number): Promise<number> {
    this.record('countHistory', query, bound);
    let n = 0;
    for (const run of this.descending(Number.POSITIVE_INFINITY)) {
      if (matchesQuery(run, query) && ++n > bound) break;
    }
    return n;
  }

  async runDetails(runId: number): Promise<RunDetails> {
    this.record('runDetails', runId);
    const run = this.run(runId);
    if (!run) throw new EngineError('not-found', `No run ${runId}`);
    return structuredClone(run);
  }

  /** A run that another instance (or the scheduler) started: stored and announced. */
  startRun(overrides: Partial<RunDetails> = {}): RunDetails {
    const run = makeRun({ id: this.nextRunId++, outcome: 'running', finishedAt: null, durationMs: null, ...overrides });
    this.runs.set(run.id, run);
    this.emit({ type: 'run-started', run: summaryOf(run) });
    return run;
  }

  /** Ends a stored run and announces it. */
  finishRun(runId: number, patch: Partial<RunDetails>): void {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`no run ${runId}`);
    Object.assign(run, patch);
    this.emit({ type: 'run-finished', run: summaryOf(run) });
  }

  /** What configStatus() answers (tests set differs, error, lastReload). */
  config: ConfigStatus = {
    file: 'clinic.yaml',
    version: 'v1',
    fleet: null,
    differs: [],
    error: null,
    restartNeeded: null,
    lastReload: null,
  };
  async configStatus(): Promise<ConfigStatus> {
    return structuredClone(this.config);
  }

  async instances(): Promise<InstanceView[]> {
    this.record('instances');
    return structuredClone(this.liveInstances);
  }

  /** Server clock minus this computer's, as the engine would measure it. */
  clockSkew = 0;
  async clockSkewMs(): Promise<number> {
    return this.clockSkew;
  }

  /** Alert channels whose delivery fails, as the engine would report them. */
  alertTroubles: AlertTrouble[] = [];
  async alertTrouble(): Promise<AlertTrouble[]> {
    this.record('alertTrouble');
    return this.alertTroubles;
  }

  async catalog() {
    const services = [...new Map(this.tasks.map((t) => [t.service, { id: t.service, name: t.serviceName }])).values()];
    const people = new Set([this.identity.user, ...[...this.runs.values()].map((r) => r.startedBy)]);
    people.delete('scheduler');
    const users = ['scheduler', ...[...people].sort()];
    return {
      services,
      types: [...new Set(this.tasks.map((t) => t.type))],
      tasks: this.tasks.map((t) => ({ id: t.id, name: t.name })),
      users,
    };
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends a log line to a run and announces it. */
  log(taskId: string, runId: number, line: LogLine): void {
    const run = this.runs.get(runId);
    if (run) run.log.push(line);
    this.emit({ type: 'run-log', taskId, runId, line });
  }
}

/**
 * Four tasks that show every state the dashboard draws: a failing task backing off (with
 * diagnostics), a task running here with progress, one unavailable here, and one running on
 * another instance ("repeat").
 */
export function sampleEngine(options: FakeEngineOptions = {}): FakeEngine {
  const failingRun = makeRun({
    id: 7,
    outcome: 'error',
    errorClass: 'network',
    trigger: 'manual',
    startedBy: 'anna',
    message: 'connect ECONNREFUSED 127.0.0.1:8081',
    hasDiagnostics: true,
    log: [
      { at: AT_1402, level: 'info', message: 'GET /calls?page=1' },
      { at: AT_1402 + 1000, level: 'error', message: 'connect ECONNREFUSED 127.0.0.1:8081' },
    ],
    exchanges: [
      {
        at: AT_1402,
        request: {
          method: 'GET',
          url: 'http://127.0.0.1:8081/calls?page=1',
          headers: { Authorization: '[redacted]' },
          body: null,
        },
        response: {
          status: 500,
          headers: { 'Content-Type': 'application/json' },
          body: '{"error":"web server error"}',
        },
        error: null,
        durationMs: 120,
      },
    ],
  });
  const leadsRun = makeRun({
    id: 9,
    taskId: 'leads',
    taskName: 'Receive leads',
    outcome: 'running',
    finishedAt: null,
    durationMs: null,
    progressDone: 42,
    progressTotal: 100,
  });
  const smsRun = makeRun({
    id: 11,
    taskId: 'sms',
    taskName: 'Send reminders',
    outcome: 'running',
    instance: 'inst-b',
    instanceLabel: 'olga@front-desk',
    finishedAt: null,
    durationMs: null,
  });
  return new FakeEngine({
    tasks: [
      failingTask({ lastRun: summaryOf(failingRun), service: 'telephony', serviceName: 'Telephony' }),
      runningTask({
        id: 'leads',
        name: 'Receive leads',
        type: 'leads',
        service: 'leads',
        serviceName: 'Lead aggregator',
        lastRun: summaryOf(leadsRun),
      }),
      makeTask({
        id: 'schedule',
        name: 'Upload schedule',
        type: 'schedule',
        service: 'booking',
        serviceName: 'Online booking',
        status: 'unavailable',
        autoHere: false,
      }),
      runningTask({
        id: 'sms',
        name: 'Send reminders',
        type: 'messages',
        service: 'sms',
        serviceName: 'SMS gateway',
        progress: null,
        repeat: true,
        runningOn: 'inst-b',
        runningOnLabel: 'olga@front-desk',
        lastRun: summaryOf(smsRun),
      }),
    ],
    runs: [failingRun, leadsRun, smsRun],
    ...options,
  });
}
