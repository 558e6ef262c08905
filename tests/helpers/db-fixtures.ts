// Building blocks for store tests: definitions, run inputs, and runs started and
// finished through the store the way the engine does it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openStore,
  type FinishRunInput,
  type Outcome,
  type ErrorClass,
  type RunRow,
  type ServiceDef,
  type StartRunInput,
  type Store,
  type TaskDef,
} from '../../src/db/index.js';
import { random } from '../../src/demo/data.js';

export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** A fixed clock start: tests pass times explicitly, never read the wall clock. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

export function serviceDef(id: string, overrides: Partial<ServiceDef> = {}): ServiceDef {
  return { id, name: `Service ${id}`, baseUrl: `http://127.0.0.1/${id}`, ...overrides };
}

export function taskDef(id: string, serviceId: string, overrides: Partial<TaskDef> = {}): TaskDef {
  return {
    id,
    name: `Task ${id}`,
    type: 'calls',
    serviceId,
    role: 'reception',
    intervalMs: MINUTE,
    maxIntervalMs: 30 * MINUTE,
    cron: null,
    timeoutMs: 5 * MINUTE,
    handlerKind: 'http',
    enabled: true,
    ...overrides,
  };
}

export function openTestStore(dir: string, name = 'syncdeck.db'): { store: Store; file: string } {
  const file = join(dir, name);
  return { store: openStore(file), file };
}

export function startInput(
  taskId: string,
  instanceId: string,
  now: number,
  overrides: Partial<StartRunInput> = {},
): StartRunInput {
  return {
    taskId,
    instanceId,
    now,
    leaseTtlMs: 30_000,
    trigger: 'manual',
    startedBy: 'anna',
    hasDiagnostics: false,
    onlyIfDue: false,
    interruptedDetailsExpireAt: now + 30 * DAY,
    ...overrides,
  };
}

export function finishInput(
  run: { id: number; taskId: string; instanceId: string },
  epoch: number,
  finishedAt: number,
  outcome: Outcome,
  overrides: Partial<FinishRunInput> = {},
): FinishRunInput {
  return {
    taskId: run.taskId,
    runId: run.id,
    epoch,
    instanceId: run.instanceId,
    finishedAt,
    outcome,
    errorClass: outcome === 'error' ? 'network' : null,
    message: outcome === 'success' ? null : `${outcome} message`,
    stoppedBy: null,
    detailsExpireAt: finishedAt + 7 * DAY,
    schedule: null,
    ...overrides,
  };
}

/** Starts and finishes one run of `taskId` through the store; returns the finished row. */
export async function recordRun(
  store: Store,
  taskId: string,
  at: number,
  outcome: Exclude<Outcome, 'running'>,
  options: {
    instanceId?: string;
    errorClass?: ErrorClass | null;
    detailsExpireAt?: number;
    durationMs?: number;
    startedBy?: string;
  } = {},
): Promise<RunRow> {
  const instanceId = options.instanceId ?? 'inst-test';
  const by =
    options.startedBy === undefined
      ? {}
      : {
          startedBy: options.startedBy,
          trigger: options.startedBy === 'scheduler' ? ('schedule' as const) : ('manual' as const),
        };
  const started = await store.startRun(startInput(taskId, instanceId, at, by));
  if (!started.started) throw new Error(`recordRun: could not start ${taskId}: ${started.reason}`);
  const finishedAt = at + (options.durationMs ?? 1_000);
  const overrides: Partial<FinishRunInput> = {};
  if (options.errorClass !== undefined) overrides.errorClass = options.errorClass;
  if (options.detailsExpireAt !== undefined) overrides.detailsExpireAt = options.detailsExpireAt;
  const ok = await store.finishRun(finishInput(started.run, started.epoch, finishedAt, outcome, overrides));
  if (!ok) throw new Error(`recordRun: finishing ${taskId} was fenced out`);
  const row = await store.getRun(started.run.id);
  if (!row) throw new Error('recordRun: the run vanished');
  return row;
}

/** A deterministic pseudo-random sequence (mulberry32, the demo's): the same "random" history every run. */
export const seededRandom = random;

/** The migrations drizzle-kit generated (drizzle/meta/_journal.json): what a fresh database must record. */
export function journalEntries(): { idx: number; when: number; tag: string }[] {
  const journal = JSON.parse(readFileSync(new URL('../../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as {
    entries: { idx: number; when: number; tag: string }[];
  };
  return journal.entries;
}
