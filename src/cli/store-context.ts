// The first half of every command's context: the config (or the demo's), who is asking, and
// the database. context.ts adds an engine over them; a command that only reads the task list
// (`status`) uses the engine's reader alone (src/engine/task-reader.ts) and loads none of
// the code that runs, schedules or alerts (docs/ARCHITECTURE.md, Composition root).
import { userInfo } from 'node:os';
import { configCacheDir, loadConfigCached } from '../config/cache.js';
import type { LoadedConfig } from '../config/load.js';
import { openStoreOnDemand } from '../db/open-store.js';
import type { Store } from '../db/index.js';
import { resolveIdentity } from '../engine/identity.js';
import type { InstanceRecord } from '../engine/instances.js';
import { EngineError, type Identity } from '../engine/types.js';
import type { ParsedArgs } from './args.js';
import { CliError } from './errors.js';
import { defaultDbPath } from './paths.js';

/** The first connection of an engine or a dashboard (PostgreSQL): see openStoreContext. */
const LONG_LIVED_CONNECT_TIMEOUT_MS = 30_000;

export interface StoreContext {
  config: LoadedConfig;
  /** The config file, or undefined for the demo. */
  file: string | undefined;
  /** The operating system's user. */
  user: string;
  identity: Identity;
  store: Store;
  /** `--db` or SYNCDECK_DB chose the store, not the config's `database.location`. */
  databaseOverridden: boolean;
  /** Stops the demo's simulated services (nothing without them). */
  closeDemo: () => Promise<void>;
}

export interface StoreContextOptions {
  kind: InstanceRecord['kind'];
  /** The demo needs its simulated services listening (commands that run tasks). */
  demoServices: boolean;
}

export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  }
}

export function configPath(args: ParsedArgs): string | undefined {
  return args.options.config ?? (process.env.SYNCDECK_CONFIG || undefined);
}

/** `--db`, else SYNCDECK_DB: the store named over the config's `database.location`. */
export function databaseOverride(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return args.options.db ?? (env.SYNCDECK_DB || undefined);
}

export async function openStoreContext(args: ParsedArgs, opts: StoreContextOptions): Promise<StoreContext> {
  const user = osUser();
  const file = configPath(args);
  let config: LoadedConfig;
  let closeDemo = async () => undefined as void;
  // Through the config cache: an unchanged file is not parsed again (docs/config.md, "The config cache").
  if (file) config = await loadConfigCached(file);
  else if (opts.demoServices) {
    const { startDemo } = await import('../demo/index.js');
    const demo = await startDemo(user);
    config = demo.config;
    closeDemo = () => demo.close();
  } else config = await (await import('../demo/config.js')).demoConfig({}, user, configCacheDir());

  let identity: Identity;
  try {
    identity = resolveIdentity(config, user, args.options.user);
  } catch (err) {
    await closeDemo();
    if (err instanceof EngineError) throw new CliError(2, err.message);
    throw err;
  }

  const dbOverride = databaseOverride(args);
  const dbPath = dbOverride ?? config.database.location ?? defaultDbPath(!file);
  let store: Store;
  try {
    // One connection per instance unless the config says more (PostgreSQL; `?pool=N` in the URL wins).
    // An engine or a dashboard started with many others on a busy server (a start-up storm)
    // waits longer for its first connection than a short command before it gives up.
    store = await openStoreOnDemand(dbPath, {
      pool: config.database.pool,
      label: `${opts.kind} ${process.pid}`,
      firstConnectTimeoutMs: opts.kind === 'cli' ? undefined : LONG_LIVED_CONNECT_TIMEOUT_MS,
    });
  } catch (err) {
    await closeDemo();
    throw err;
  }
  return { config, file, user, identity, store, databaseOverridden: dbOverride !== undefined, closeDemo };
}
