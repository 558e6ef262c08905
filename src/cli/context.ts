// What every command needs: the config (or the demo), the database, who is asking,
// and an engine over them.
import type { LoadedConfig } from '../config/load.js';
import type { Store } from '../db/index.js';
import { Engine } from '../engine/engine.js';
import { newInstance, type InstanceRecord } from '../engine/instances.js';
import type { Identity } from '../engine/types.js';
import type { ParsedArgs } from './args.js';
import { openStoreContext } from './store-context.js';

export { configPath, osUser } from './store-context.js';

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

export async function openContext(args: ParsedArgs, opts: ContextOptions): Promise<CommandContext> {
  const { config, file, user, identity, store, databaseOverridden, closeDemo } = await openStoreContext(args, opts);
  const engine = new Engine({
    store,
    config,
    identity,
    instance: newInstance(user, opts.kind),
    location: { database: store.location, config: file ? config.source : 'demo', demo: !file },
    schedule: opts.schedule,
    configFile: file ? config.source : null,
    databaseOverridden,
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
