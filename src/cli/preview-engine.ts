// The engine the dashboard's preview is drawn over while the real one starts in its worker
// (dashboard-preview.ts): its tasks are the preview's; every other question, run, stop,
// pause and resume included, waits for the real engine and is put to it then (the screen
// says the action is held until the engine is ready). An action still held when the
// dashboard closes is dropped: nobody is there to see it done. The screen switches to the
// real engine as soon as it is ready (docs/ARCHITECTURE.md, Composition root).
import type { EngineApi } from '../engine/api.js';
import { EngineError } from '../engine/types.js';
import type { DashboardPreview } from './dashboard-preview.js';

export const CLOSED_BEFORE_READY = 'The dashboard closed before its engine was ready: nothing was done.';

/**
 * `ready`: the real engine, when there is one (it never settles if the start fails: the
 * dashboard closes then). `closing`: aborted when the dashboard starts to close.
 */
export function previewEngine(preview: DashboardPreview, ready: Promise<EngineApi>, closing: AbortSignal): EngineApi {
  const act = <T>(action: (engine: EngineApi) => Promise<T>): Promise<T> =>
    ready.then((engine) =>
      closing.aborted ? Promise.reject(new EngineError('starting', CLOSED_BEFORE_READY)) : action(engine),
    );
  return {
    identity: preview.identity,
    // No instance yet: the worker registers it. The header says the engine is starting instead.
    instance: { id: '', user: preview.identity.osUser, host: '', pid: process.pid },
    location: preview.location,
    snapshot: () => Promise.resolve(preview.tasks.slice()),
    runNow: (taskId) => act((e) => e.runNow(taskId)),
    waitForRun: (runId) => ready.then((e) => e.waitForRun(runId)),
    stop: (taskId) => act((e) => e.stop(taskId)),
    pause: (taskId) => act((e) => e.pause(taskId)),
    resume: (taskId) => act((e) => e.resume(taskId)),
    history: (query) => ready.then((e) => e.history(query)),
    countHistory: (query, bound) => ready.then((e) => e.countHistory(query, bound)),
    runDetails: (runId) => ready.then((e) => e.runDetails(runId)),
    catalog: () => ready.then((e) => e.catalog()),
    instances: () => ready.then((e) => e.instances()),
    clockSkewMs: () => ready.then((e) => e.clockSkewMs()),
    alertTrouble: () => ready.then((e) => e.alertTrouble()),
    configStatus: () => ready.then((e) => e.configStatus()),
    // The dashboard subscribes to the real engine when it switches to it.
    subscribe: () => () => undefined,
  };
}
