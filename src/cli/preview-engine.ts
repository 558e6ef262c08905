// The engine the dashboard's preview is drawn over while the real one starts in its worker
// (dashboard-preview.ts): its tasks are the preview's; run, stop, pause and resume are
// refused with "the engine is starting" (nothing may act before the engine that would
// record it is there); every other question waits for the real engine and is put to it.
// The screen switches to the real engine as soon as it is ready (docs/ARCHITECTURE.md,
// Composition root).
import type { EngineApi } from '../engine/api.js';
import { EngineError } from '../engine/types.js';
import type { DashboardPreview } from './dashboard-preview.js';

export const ENGINE_STARTING = 'The engine is still starting: try again in a moment.';

/** `ready`: the real engine, when there is one (it never settles if the start fails: the dashboard closes then). */
export function previewEngine(preview: DashboardPreview, ready: Promise<EngineApi>): EngineApi {
  const refuse = () => Promise.reject(new EngineError('starting', ENGINE_STARTING));
  return {
    identity: preview.identity,
    // No instance yet: the worker registers it. The header says the engine is starting instead.
    instance: { id: '', user: preview.identity.osUser, host: '', pid: process.pid },
    location: preview.location,
    snapshot: () => Promise.resolve(preview.tasks.slice()),
    runNow: refuse,
    waitForRun: (runId) => ready.then((e) => e.waitForRun(runId)),
    stop: refuse,
    pause: refuse,
    resume: refuse,
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
