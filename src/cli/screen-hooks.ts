// What the screen script's loader (screen-script.ts) hands the dashboard it runs.
export interface ScreenHooks {
  /** The first frame over the engine is on the terminal: what the start ran is compiled, and can be cached. */
  firstFrameDrawn(): void;
}
