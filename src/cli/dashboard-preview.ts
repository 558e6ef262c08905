// The dashboard's preview: the task list read by the screen's thread while the engine's
// worker starts (a second Node, a few hundred milliseconds), so that the first complete
// frame need not wait for it. Read-only, as `syncdeck status` reads: the cached config, an
// SQLite file that exists at this version's schema, the engine's reader; nothing is created,
// migrated, registered or parsed. Whatever stands in the way gives no preview, and the
// dashboard starts as without one (docs/ARCHITECTURE.md, Composition root).
import { existsSync } from 'node:fs';
import { cachedConfigOnly } from '../config/cache.js';
import type { LoadedConfig } from '../config/load.js';
import { isPostgresUrl, openSqliteReadOnlyOnDemand } from '../db/open-store.js';
import type { EngineApi } from '../engine/api.js';
import { resolveIdentity } from '../engine/identity.js';
import { taskReader } from '../engine/task-reader.js';
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
  /** The demo builds its config and its database is usually new: nothing to gain. */
  | 'demo'
  /** The config cache does not hold this file as it is now: the engine parses it (and reports its errors). */
  | 'config-not-cached'
  /** The user the config does not know: the engine says why nothing is visible. */
  | 'unknown-user'
  /** PostgreSQL: a second connection per dashboard during every start (a start-up storm of them). */
  | 'postgres'
  /** No database file yet: the engine creates it. */
  | 'no-database'
  /** Anything else (an older or newer schema, a locked or corrupt file, a query that failed). */
  | 'failed';

export type PreviewResult = { preview: DashboardPreview } | { none: NoPreview };

/** Where the preview would read, or why it does not: decided from the arguments and the cached config alone. */
export function previewSource(
  args: ParsedArgs,
  env: Record<string, string | undefined>,
  cached: (file: string) => LoadedConfig | null,
): { none: NoPreview } | { file: string; config: LoadedConfig; database: string } {
  const file = configPath(args);
  if (!file) return { none: 'demo' };
  const config = cached(file);
  if (!config) return { none: 'config-not-cached' };
  // As openStoreContext (store-context.ts) picks it, without creating the default's folder.
  const database = databaseOverride(args, env) ?? config.database.location ?? defaultDbPathUncreated(false, env);
  if (isPostgresUrl(database)) return { none: 'postgres' };
  if (!existsSync(database)) return { none: 'no-database' };
  return { file, config, database };
}

/** Reads the task list as the engine's first snapshot would show it, or says why not. Never throws. */
export async function readDashboardPreview(
  args: ParsedArgs,
  env: Record<string, string | undefined> = process.env,
  cached: (file: string) => LoadedConfig | null = (file) => cachedConfigOnly(file, undefined, env),
): Promise<PreviewResult> {
  try {
    const source = previewSource(args, env, cached);
    if ('none' in source) return source;
    const { config, database } = source;
    const identity = resolveIdentity(config, osUser(), args.options.user);
    if (!identity.known) return { none: 'unknown-user' };
    const store = await openSqliteReadOnlyOnDemand(database);
    if (!store) return { none: 'postgres' };
    try {
      const tasks = await taskReader({ store, config, identity, instanceId: '' }).snapshot();
      return {
        preview: { tasks, identity, location: { database: store.location, config: config.source, demo: false } },
      };
    } finally {
      // Closed at once: the engine's own connection serves everything after the first frame.
      await store.close();
    }
  } catch {
    return { none: 'failed' };
  }
}
