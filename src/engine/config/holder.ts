// The config an engine runs now. Every part reads it here when it needs it, so a reload
// reaches the scheduler, the launcher, retention and the reader at once; a run keeps the
// config it started with (docs/ARCHITECTURE.md, Config).
import type { LoadedConfig } from '../../config/load.js';
import type { TaskRow } from '../../db/types.js';
import { fingerprintOf, type ConfigFingerprint } from './fingerprint.js';

export interface TaskChanges {
  changed: string[];
  added: string[];
  removed: string[];
}

/** Which tasks differ between two configs, by their definition hashes. */
export function diffTasks(before: ConfigFingerprint, after: ConfigFingerprint): TaskChanges {
  const changes: TaskChanges = { changed: [], added: [], removed: [] };
  for (const [id, hash] of after.tasks) {
    const old = before.tasks.get(id);
    if (old === undefined) changes.added.push(id);
    else if (old !== hash) changes.changed.push(id);
  }
  for (const id of before.tasks.keys()) if (!after.tasks.has(id)) changes.removed.push(id);
  return changes;
}

export function countChanges(c: TaskChanges): number {
  return c.changed.length + c.added.length + c.removed.length;
}

export class ConfigHolder {
  private config: LoadedConfig;
  /** Hashed when first asked: a read-only command (status, history) never compares definitions. */
  private print: ConfigFingerprint | null = null;

  constructor(config: LoadedConfig) {
    this.config = config;
  }

  get current(): LoadedConfig {
    return this.config;
  }

  get fingerprint(): ConfigFingerprint {
    this.print ??= fingerprintOf(this.config);
    return this.print;
  }

  /** Makes `next` the config in force; returns which tasks it changed. */
  replace(next: LoadedConfig): TaskChanges {
    const print = fingerprintOf(next);
    const changes = diffTasks(this.fingerprint, print);
    this.config = next;
    this.print = print;
    return changes;
  }

  /**
   * The fleet's definition of this task (its row, as the instance that wrote the
   * definitions last had it) is not this config's: this instance must not run it. A row
   * written before hashes were recorded differs from nothing.
   */
  differsFromFleet(row: Pick<TaskRow, 'id' | 'defHash'>): boolean {
    return row.defHash !== null && row.defHash !== undefined && row.defHash !== this.fingerprint.tasks.get(row.id);
  }
}
