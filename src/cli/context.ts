// What every command needs: the config (or the demo), the database, who is asking,
// and an engine over them.
import { userInfo } from 'node:os';
import { configCacheDir, loadConfigCached } from '../config/cache.js';
import type { LoadedConfig } from '../config/load.js';
import { openStoreOnDemand } from '../db/open-store.js';
import type { Store } from '../db/index.js';
import { demoConfig } from '../demo/config.js';
import { Engine } from '../engine/engine.js';
import { resolveIdentity } from '../engine/identity.js';
import { newInstance, type InstanceRecord } from '../engine/instances.js';
import { EngineError, type Identity } from '../engine/types.js';
import type { ParsedArgs } from './args.js';
import { CliError } from './errors.js';
import { defaultDbPath } from './paths.js';

/** The first connection of an engine or a dashboard (PostgreSQL): see openContext. */
const LONG_LIVED_CONNECT_TIMEOUT_MS = 30_000;

export interface CommandContext {
  config: LoadedConfig;
  demo: boolean;
  store: Store;
  identity: Identity;
  engine: Engine;
  /** Ends runs of this process, releases leases, closes the database and the demo services. */
  close(outcome?: 'cancelled' | 'interrupted', why?: string): Promise<void>;
}

export interface ContextOptions {
  kind: InstanceRecord['kind'];
  /** Start the engine's loops (leases, change polling; scheduling when `schedule`). */
  start: boolean;
  schedule: boolean;
  /** The demo needs its simulated services listening (commands that run tasks). */
  demoServices: boolean;
  /** With `start`: register the instance, but start the loops only when `startLoops()` is called (the dashboard's first frame comes first). */
  deferLoops?: boolean;
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

export async function openContext(args: ParsedArgs, opts: ContextOptions): Promise<CommandContext> {
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
  } else config = await demoConfig({}, user, configCacheDir());

  let identity: Identity;
  try {
    identity = resolveIdentity(config, user, args.options.user);
  } catch (err) {
    await closeDemo();
    if (err instanceof EngineError) throw new CliError(2, err.message);
    throw err;
  }

  const dbOverride = args.options.db ?? (process.env.SYNCDECK_DB || undefined);
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
  const engine = new Engine({
    store,
    config,
    identity,
    instance: newInstance(user, opts.kind),
    location: { database: store.location, config: file ? config.source : 'demo', demo: !file },
    schedule: opts.schedule,
    configFile: file ? config.source : null,
    databaseOverridden: dbOverride !== undefined,
  });
  // Only instances that run tasks write their definitions (start() does, when its file is
  // newer than the fleet's version); a read command (status, history, show, stop, pause…)
  // never writes them (docs/ARCHITECTURE.md, Config).
  if (opts.start && opts.deferLoops) await engine.register();
  else if (opts.start) await engine.start();
  let closing: Promise<void> | null = null;
  const closeOnce = async (outcome: 'cancelled' | 'interrupted', why: string) => {
    if (opts.start) await engine.shutdown(outcome, why);
    await store.close();
    await closeDemo();
  };
  return {
    config,
    demo: !file,
    store,
    identity,
    engine,
    // Once: a signal handler and the command's own cleanup may both ask, and both wait for the end.
    close(outcome = 'cancelled', why = 'syncdeck was closed') {
      closing ??= closeOnce(outcome, why);
      return closing;
    },
  };
}
