// An engine that answers nothing, for the warm-up render (warm-up.tsx): what the screens
// ask in their effects is never answered, and nothing is sent.
import type { EngineApi } from '../../engine/api.js';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

export const idleEngine: EngineApi = {
  identity: { user: 'warm', osUser: 'warm', roles: [], permissions: [], settings: true, known: true },
  instance: { id: 'warm-up', user: 'warm', host: 'up', pid: 1 },
  location: { database: 'warm-up', config: 'warm-up', demo: false },
  snapshot: never,
  runNow: never,
  waitForRun: never,
  stop: never,
  pause: never,
  resume: never,
  history: never,
  countHistory: never,
  runDetails: never,
  catalog: never,
  instances: never,
  clockSkewMs: never,
  alertTrouble: never,
  configStatus: never,
  subscribe: () => () => undefined,
};
