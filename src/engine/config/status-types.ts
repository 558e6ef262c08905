// What the engine says about the config it runs: its status (plain data: it crosses to the
// dashboard's thread) and the events of a reload (docs/ARCHITECTURE.md, Config).
import type { Identity } from '../types.js';

/** What a reload changed: task ids, and the names of the users added, removed or given other roles or permissions. */
export interface ReloadChanges {
  changed: string[];
  added: string[];
  removed: string[];
  users: string[];
}

export type ConfigEventOf =
  /**
   * The config file was read again and is in force: what it changed; `identity`: this
   * instance's user as the new `users` has it; `hidden`: tasks that user no longer sees.
   */
  | ({ type: 'config-reloaded'; identity: Identity; hidden: string[] } & ReloadChanges)
  /** The config file could not be used (`file:line: field: message` lines); the last good one stays in force. */
  | { type: 'config-error'; file: string; problems: string[] }
  /** This instance's config differs from the fleet's (message), or agrees with it again (null). */
  | { type: 'config-differs'; message: string | null; tasks: string[] }
  /** A field that applies only at start (`database`) changed in the file (message), or is back to what runs (null). */
  | { type: 'config-restart-needed'; fields: string[]; message: string | null };

/** Which config this instance runs, and how it compares with the fleet's. */
export interface ConfigStatus {
  /** The config file; null for the demo. */
  file: string | null;
  /** This config's version (hash of its definitions). */
  version: string;
  /** The version the database holds, who wrote it and when; null when none was recorded. */
  fleet: { version: string; writtenBy: string; writtenAt: number } | null;
  /** Tasks whose definition here is not the fleet's: this instance does not run them. */
  differs: string[];
  /** The last reload's problems when the file is broken (the last good config stays in force); else null. */
  error: string[] | null;
  /** The file changes what applies only at start (`database`): those fields, and the database this instance keeps until it restarts; else null. */
  restartNeeded: { fields: string[]; inUse: string; message: string } | null;
  /** The last reload that changed something. */
  lastReload: ({ at: number } & ReloadChanges) | null;
}
