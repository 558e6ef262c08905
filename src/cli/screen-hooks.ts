// What the screen script's loader (screen-script.ts) hands the dashboard it runs.
import type { SpawnedWorker } from './engine-worker-spawn.js';

export interface ScreenHooks {
  /** The engine's thread, started before the screen's code was loaded. */
  engineWorker?: SpawnedWorker;
  /** The first frame is on the terminal: what the start ran is compiled, and can be cached. */
  firstFrameDrawn(): void;
}
