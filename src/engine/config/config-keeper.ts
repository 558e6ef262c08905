// Keeps an engine's config current and tells the fleet which one it runs: publishes the
// definitions at start, reloads the file when it changes (or on request: SIGHUP), keeps
// the last good config when an edit is broken, and notices another instance writing a
// new fleet version (docs/ARCHITECTURE.md, Config).
import { statSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { ConfigError } from '../../config/errors.js';
import type { LoadedConfig } from '../../config/load.js';
import type { Store } from '../../db/store.js';
import type { FleetConfigRow } from '../../db/types.js';
import type { Clock } from '../clock.js';
import type { EventBus } from '../events.js';
import type { StorageHealth } from '../storage-message.js';
import type { Identity } from '../types.js';
import { FleetCheck } from './fleet-check.js';
import { differsMessage, fleetDifferences } from './fleet-status.js';
import { countChanges, type ConfigHolder } from './holder.js';
import { publishDefinitions } from './publish.js';
import { restartNeeded } from './restart-fields.js';
import type { ConfigStatus, ReloadChanges } from './status-types.js';
import { changedUsers, hiddenTasks, identityUnder, sameIdentity } from './users-reload.js';

/** How often the file's modification time is looked at (fs.watchFile polls: it survives editors that replace the file). */
export const WATCH_INTERVAL_MS = 1_000;

export interface ConfigFileAccess {
  /** May be async: the real loader (YAML parser, schema) is loaded on the first reload only. */
  load(file: string): LoadedConfig | Promise<LoadedConfig>;
  /** The file's modification time (epoch ms). */
  modifiedAt(file: string): number;
  /** Calls `changed` when the file's modification time changes; returns the stop. */
  watch(file: string, changed: () => void): () => void;
}

export const realFiles: ConfigFileAccess = {
  // Loaded on demand: commands that never reload (status, history) do not load the YAML parser.
  load: async (file) => (await import('../../config/load.js')).loadConfigFile(file),
  modifiedAt: (file) => statSync(file).mtimeMs,
  watch(file, changed) {
    const listener = (curr: Stats, prev: Stats) => {
      if (curr.mtimeMs !== prev.mtimeMs || curr.size !== prev.size) changed();
    };
    watchFile(file, { interval: WATCH_INTERVAL_MS, persistent: false }, listener);
    return () => unwatchFile(file, listener);
  },
};

export interface ConfigKeeperDeps {
  store: Store;
  clock: Clock;
  holder: ConfigHolder;
  events: EventBus;
  storage: StorageHealth;
  /** The config file; null for the demo (nothing to reload). */
  file: string | null;
  /** user@host: recorded as who wrote the fleet's version. */
  writtenBy: string;
  /**
   * This instance's user: one object every part of the engine holds. A reload updates it in
   * place, so visibility, permissions and what runs here follow the new `users` at once.
   */
  identity: Identity;
  /** The database this instance uses, as shown (password hidden): a reload cannot change it. */
  databaseInUse: string;
  /** False when the store was chosen by `--db` or SYNCDECK_DB, not by the file's `database.location`. */
  databaseFromFile?: boolean;
  files?: ConfigFileAccess;
  /** The config in force changed (a reload) or the fleet's did: look at the tasks again. */
  onApplied(): void;
  /** A reload gave this instance's user other roles or permissions (after the identity was updated). */
  onIdentityChanged?(): void;
}

export class ConfigKeeper {
  private readonly files: ConfigFileAccess;
  private fileModifiedAt: number;
  private fleet: FleetConfigRow | null = null;
  private differs: string[] = [];
  private warned = '';
  private error: string[] | null = null;
  private restart: ConfigStatus['restartNeeded'] = null;
  private lastReload: ConfigStatus['lastReload'] = null;
  private queue: Promise<void> = Promise.resolve();
  private stopWatching: (() => void) | null = null;
  private readonly fleetCheck: FleetCheck;
  /** What `database` was when this instance opened its store. */
  private readonly startDatabase: LoadedConfig['database'];
  /** The `database` value last warned about (null: none). */
  private restartKey: string | null = null;

  constructor(private readonly deps: ConfigKeeperDeps) {
    this.files = deps.files ?? realFiles;
    this.startDatabase = deps.holder.current.database;
    this.fileModifiedAt = deps.file === null ? 0 : this.safeModifiedAt(deps.file);
    this.fleetCheck = new FleetCheck(deps.clock, () => void this.checkFleet());
  }

  /** Writes this config's definitions when its claim wins, then compares with the fleet's. */
  publish(): Promise<void> {
    // At start a failure is the command's to report (an unusable database): it is not swallowed.
    const next = this.queue.then(() => this.publishNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Starts watching the file (instances that run tasks). */
  watch(): void {
    const { file } = this.deps;
    if (file === null || this.stopWatching) return;
    this.stopWatching = this.files.watch(file, () => void this.reload(false));
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.fleetCheck.stop();
  }

  /**
   * Reads the file again. `requested` (SIGHUP): a config-reloaded event even when nothing
   * changed. A broken file keeps the config in force and reports config-error, once per
   * distinct set of problems.
   */
  reload(requested: boolean): Promise<void> {
    return this.serially(() => this.reloadNow(requested));
  }

  /** Something changed in the database: if the fleet's version is another one now, follow it (at most once a second: fleet-check.ts). */
  fleetMayHaveChanged(): void {
    this.fleetCheck.changed();
  }

  private checkFleet(): Promise<void> {
    return this.serially(async () => {
      const fleet = await this.deps.store.fleetConfig();
      if (fleet?.version === this.fleet?.version) return;
      const { file } = this.deps;
      // Our own file may be the new version (its watcher has not fired yet): read it first.
      if (file !== null && this.safeModifiedAt(file) !== this.fileModifiedAt) await this.reloadNow(false);
      else await this.compare(fleet);
      this.deps.onApplied();
    });
  }

  status(): ConfigStatus {
    return {
      file: this.deps.file,
      version: this.deps.holder.fingerprint.version,
      fleet: this.fleet && { ...this.fleet },
      differs: [...this.differs],
      error: this.error && [...this.error],
      restartNeeded: this.restart && { ...this.restart, fields: [...this.restart.fields] },
      lastReload: this.lastReload && { ...this.lastReload },
    };
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work).catch((err: unknown) => this.deps.storage.failed(err));
    this.queue = next;
    return next;
  }

  private safeModifiedAt(file: string): number {
    try {
      return this.files.modifiedAt(file);
    } catch {
      return 0;
    }
  }

  private async publishNow(): Promise<void> {
    const { holder, store, clock } = this.deps;
    const sync = await publishDefinitions(store, {
      config: holder.current,
      fingerprint: holder.fingerprint,
      writtenBy: this.deps.writtenBy,
      // The demo has no file: its definitions are always the ones to run.
      fileModifiedAt: this.deps.file === null ? null : this.fileModifiedAt,
      now: clock.now(),
    });
    this.deps.storage.wrote();
    await this.compare(sync.fleet);
  }

  private async reloadNow(requested: boolean): Promise<void> {
    const { file, holder, events } = this.deps;
    if (file === null) {
      if (requested)
        events.emit({
          type: 'warning',
          event: 'config-not-reloaded',
          message: 'this instance runs the demo config, which has no file to reload',
        });
      return;
    }
    const modifiedAt = this.safeModifiedAt(file);
    let next: LoadedConfig;
    try {
      next = await this.files.load(file);
    } catch (err) {
      const problems =
        err instanceof ConfigError ? err.problems : [`${file}: ${err instanceof Error ? err.message : String(err)}`];
      if (requested || problems.join('\n') !== this.error?.join('\n'))
        events.emit({ type: 'config-error', file, problems });
      this.error = problems;
      return;
    }
    const hadError = this.error !== null;
    this.error = null;
    const before = holder.current;
    const changes = { ...holder.replace(next), users: changedUsers(before.users, next.users) };
    this.fileModifiedAt = modifiedAt;
    const identity = this.followUsers(before, next);
    this.checkRestart(file, next);
    const settingsChanged = JSON.stringify({ ...before, tasks: [] }) !== JSON.stringify({ ...next, tasks: [] });
    if (countChanges(changes) + changes.users.length > 0 || settingsChanged || requested || hadError)
      this.announce(changes, identity.hidden);
    if (identity.changed) this.deps.onIdentityChanged?.();
    this.deps.onApplied();
    await this.publishNow();
    this.deps.onApplied();
  }

  /** Applies the new `users` to this instance's user; says which tasks it no longer sees. */
  private followUsers(before: LoadedConfig, next: LoadedConfig): { changed: boolean; hidden: string[] } {
    const { identity } = this.deps;
    const after = identityUnder(next, identity);
    if (sameIdentity(identity, after)) return { changed: false, hidden: [] };
    const old = structuredClone(identity);
    Object.assign(identity, after);
    return {
      changed: true,
      hidden: hiddenTasks({ identity: old, tasks: before.tasks }, { identity, tasks: next.tasks }),
    };
  }

  /** `database` in the file is not the one in use: say so once per value, and when it is back. */
  private checkRestart(file: string, next: LoadedConfig): void {
    const needed = restartNeeded(
      file,
      this.startDatabase,
      next.database,
      this.deps.databaseInUse,
      this.deps.databaseFromFile ?? true,
    );
    const message = needed?.message ?? null;
    const key = needed ? JSON.stringify(next.database) : null;
    if (key === this.restartKey) return;
    this.restartKey = key;
    this.restart = needed && { ...needed, inUse: this.deps.databaseInUse };
    this.deps.events.emit({ type: 'config-restart-needed', fields: needed?.fields ?? [], message });
  }

  private announce(changes: ReloadChanges, hidden: string[]): void {
    this.lastReload = { at: this.deps.clock.now(), ...changes };
    this.deps.events.emit({
      type: 'config-reloaded',
      ...changes,
      hidden,
      identity: structuredClone(this.deps.identity),
    });
  }

  private async compare(fleet: FleetConfigRow | null): Promise<void> {
    this.fleet = fleet;
    const rows =
      fleet && fleet.version !== this.deps.holder.fingerprint.version ? await this.deps.store.listTasks() : [];
    const differs = fleetDifferences(this.deps.holder.fingerprint, fleet, rows);
    this.differs = differs;
    const key =
      fleet && differs.length > 0
        ? `${fleet.version}:${this.deps.holder.fingerprint.version}:${differs.join(',')}`
        : '';
    if (key === this.warned) return;
    const wasWarned = this.warned !== '';
    this.warned = key;
    if (fleet && key)
      this.deps.events.emit({ type: 'config-differs', message: differsMessage(fleet, differs), tasks: differs });
    else if (wasWarned) this.deps.events.emit({ type: 'config-differs', message: null, tasks: [] });
  }
}
