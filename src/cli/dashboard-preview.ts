// The dashboard's preview: the task list read by the screen's thread while the engine's
// worker starts (a second Node, a few hundred milliseconds), so that the first complete
// frame need not wait for it. Read-only, as `syncdeck status` reads: the cached config (the
// demo's too), an SQLite file at this version's schema or none yet (read as empty), the
// engine's reader; nothing is created, migrated, registered or parsed. Whatever stands in the way gives no preview, and the
// dashboard starts as without one (docs/ARCHITECTURE.md, Composition root).
import { existsSync } from 'node:fs';
import { cachedConfigOnly, configCacheDir } from '../config/cache.js';
import type { LoadedConfig } from '../config/load.js';
import { isPostgresUrl, openSqliteReadOnlyOnDemand } from '../db/open-store.js';
import type { EngineApi } from '../engine/api.js';
import { cachedDemoConfig } from '../demo/config.js';
import { resolveIdentity } from '../engine/identity.js';
import { joiningRow } from '../engine/instances.js';
import { firstTasksOfNewDatabase, taskReader } from '../engine/task-reader.js';
import type { Identity, TaskView } from '../engine/types.js';
import type { ParsedArgs } from './args.js';
import { defaultDbPathUncreated } from './paths.js';
import { configPath, databaseOverride, osUser } from './store-context.js';

export interface DashboardPreview {
  tasks: TaskView[];
  identity: Identity;
  location: EngineApi['location'];
}

/** Why there is no preview: the dashboard then starts as it did without one. */
export type NoPreview =
  /** The config cache does not hold this file (or the demo's) as it is now: the engine parses it (and reports its errors). */
  | 'config-not-cached'
  /** The user the config does not know: the engine says why nothing is visible. */
  | 'unknown-user'
  /** PostgreSQL: a second connection per dashboard during every start (a start-up storm of them). */
  | 'postgres'
  /** Anything else (an older or newer schema, a locked or corrupt file, a query that failed). */
  | 'failed';

export type PreviewResult = { preview: DashboardPreview } | { none: NoPreview };

export interface PreviewSource {
  config: LoadedConfig;
  database: string;
  /** The demo (no config file). */
  demo: boolean;
  /** The database file exists: else the engine creates it, and the preview reads it as empty. */
  exists: boolean;
}

/** Where the preview would read, or why it does not: decided from the arguments and the cached config alone. */
export function previewSource(
  args: ParsedArgs,
  env: Record<string, string | undefined>,
  cached: (file: string) => LoadedConfig | null,
  cachedDemo: () => LoadedConfig | null,
): { none: NoPreview } | PreviewSource {
  const file = configPath(args);
  const config = file ? cached(file) : cachedDemo();
  if (!config) return { none: 'config-not-cached' };
  // As openStoreContext (store-context.ts) picks it, without creating the default's folder.
  const database = databaseOverride(args, env) ?? config.database.location ?? defaultDbPathUncreated(!file, env);
  if (isPostgresUrl(database)) return { none: 'postgres' };
  return { config, database, demo: !file, exists: existsSync(database) };
}

/** Reads the task list as the engine's first snapshot would show it, or says why not. Never throws. */
export async function readDashboardPreview(
  args: ParsedArgs,
  env: Record<string, string | undefined> = process.env,
  cached: (file: string) => LoadedConfig | null = (file) => cachedConfigOnly(file, undefined, env),
  cachedDemo: (user: string) => LoadedConfig | null = (user) => cachedDemoConfig(user, configCacheDir(env)),
): Promise<PreviewResult> {
  try {
    const user = osUser();
    const source = previewSource(args, env, cached, () => cachedDemo(user));
    if ('none' in source) return source;
    const { config, database, demo } = source;
    const identity = resolveIdentity(config, user, args.options.user);
    if (!identity.known) return { none: 'unknown-user' };
    // This dashboard's engine, which is starting, counts itself in its first snapshot.
    const joining = joiningRow(user, identity, Date.now());
    const location = { database, config: demo ? 'demo' : config.source, demo };
    if (!source.exists) {
      // Nothing to open: the engine creates the file, and the first snapshot is the config's tasks, never run.
      const tasks = await firstTasksOfNewDatabase({ config, identity, instanceId: '', joining });
      return { preview: { tasks, identity, location } };
    }
    const store = await openSqliteReadOnlyOnDemand(database);
    if (!store) return { none: 'postgres' };
    try {
      const tasks = await taskReader({ store, config, identity, instanceId: '', joining }).snapshot();
      return { preview: { tasks, identity, location } };
    } finally {
      // Closed at once: the engine's own connection serves everything after the first frame.
      await store.close();
    }
  } catch {
    return { none: 'failed' };
  }
}
