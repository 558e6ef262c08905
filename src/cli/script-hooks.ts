// What a script's loader (screen-script.ts) hands the command line it runs.
export interface ScriptHooks {
  /**
   * What the start has run is compiled now: its code cache can be written (once; nothing
   * when the start took it). The dashboard calls it after its first frame over the engine,
   * before it changes V8's flags again; a read command before its process exits.
   */
  saveCodeCache(): Promise<void>;
}
