// Made-up tasks for the warm-up render (warm-up.tsx): one of each look a row can take
// (failing with an error, running with progress, succeeded, paused, disabled, on a cron,
// running elsewhere), in a few services, so the first real frame finds that code compiled.
import { recentRing } from '../../engine/recent-runs.js';
import type { RunSummary, TaskView } from '../../engine/types.js';

const MINUTE = 60_000;

function run(id: number, task: TaskView, now: number, outcome: RunSummary['outcome']): RunSummary {
  const running = outcome === 'running';
  return {
    id,
    taskId: task.id,
    taskName: task.name,
    service: task.service,
    serviceName: task.serviceName,
    type: task.type,
    trigger: 'schedule',
    startedBy: 'scheduler',
    instance: 'warm-up',
    instanceLabel: 'warm@up',
    instanceKind: 'dashboard',
    instancePid: 1,
    startedAt: now - 3 * MINUTE,
    finishedAt: running ? null : now - 2 * MINUTE,
    durationMs: running ? null : MINUTE,
    outcome,
    errorClass: outcome === 'error' ? 'network' : null,
    message: outcome === 'error' ? 'connect ECONNREFUSED 127.0.0.1:443' : null,
    stoppedBy: null,
    progressDone: running ? 42 : null,
    progressTotal: running ? 100 : null,
    hasDiagnostics: true,
    recordsExchanges: true,
    detailsPurged: false,
    detailsPurgedAt: null,
    detailsKeptUntil: running ? null : now + 7 * 24 * 60 * MINUTE,
  };
}

type Look = 'error' | 'running' | 'success' | 'warning' | 'paused' | 'disabled' | 'cron' | 'elsewhere';
const LOOKS: readonly Look[] = ['error', 'running', 'success', 'warning', 'paused', 'disabled', 'cron', 'elsewhere'];
const SERVICES = [
  ['telephony', 'Telephony'],
  ['website', 'Clinic website'],
  ['booking', 'Online booking'],
] as const;

function task(i: number, look: Look, now: number): TaskView {
  const [service, serviceName] = SERVICES[i % SERVICES.length]!;
  const base: TaskView = {
    id: `warm-${i}`,
    name: `Warm-up task ${i} (${look})`,
    type: 'http',
    service,
    serviceName,
    role: 'reception',
    status: 'waiting',
    paused: false,
    enabled: true,
    progress: null,
    intervalMs: 5 * MINUTE,
    effectiveIntervalMs: 5 * MINUTE,
    cron: null,
    failures: 0,
    failingSince: null,
    interruptions: 0,
    failing: false,
    nextRunAt: now + 4 * MINUTE,
    runnableOn: ['warm@up'],
    idle: null,
    runningOn: null,
    runningOnLabel: null,
    repeat: false,
    lastRun: null,
    last: null,
    autoHere: true,
    recentRing: recentRing(
      Array.from({ length: 12 }, (_, k) => ({
        runId: k + 1,
        outcome: k % 5 === 0 ? ('error' as const) : ('success' as const),
        durationMs: 900 + 37 * k,
      })),
    ),
    can: { run: true, stop: false, pause: true, diagnostics: true },
  };
  const outcome = look === 'running' || look === 'elsewhere' ? 'running' : look === 'error' ? 'error' : 'success';
  const lastRun = run(i + 1, base, now, look === 'warning' ? 'warning' : outcome);
  const last = { outcome: lastRun.outcome, startedAt: lastRun.startedAt, finishedAt: lastRun.finishedAt };
  const viewed: TaskView = { ...base, lastRun, last };
  switch (look) {
    case 'error':
      return {
        ...viewed,
        failing: true,
        failures: 3,
        failingSince: now - 20 * MINUTE,
        effectiveIntervalMs: 20 * MINUTE,
      };
    case 'running':
      return {
        ...viewed,
        status: 'running',
        progress: 0.42,
        nextRunAt: null,
        runningOn: 'warm-up',
        runningOnLabel: 'warm@up',
        can: { ...base.can, run: false, stop: true },
      };
    case 'elsewhere':
      return {
        ...viewed,
        status: 'running',
        nextRunAt: null,
        runningOn: 'other',
        runningOnLabel: 'olga@ws-3',
        repeat: true,
      };
    case 'paused':
      return { ...viewed, status: 'paused', paused: true, nextRunAt: null, idle: 'paused' };
    case 'disabled':
      return { ...viewed, status: 'disabled', enabled: false, nextRunAt: null, idle: 'disabled' };
    case 'cron':
      return { ...viewed, intervalMs: null, effectiveIntervalMs: null, cron: '0 2 * * *' };
    default:
      return viewed;
  }
}

/** One task of each look. */
export function warmTasks(now: number): TaskView[] {
  return LOOKS.map((look, i) => task(i, look, now));
}
