// An Engine in this process over a database file and its config, built the way the CLI
// builds one (src/cli/context.ts), optionally with another user or a replaced handler.
import { loadConfigFile, type LoadedConfig } from '../../src/config/load.js';
import type { TaskConfig } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/index.js';
import { definitionsOf } from '../../src/engine/definitions.js';
import { Engine } from '../../src/engine/engine.js';
import type { Handler } from '../../src/engine/handlers/types.js';
import { resolveIdentity } from '../../src/engine/identity.js';
import { newInstance } from '../../src/engine/instances.js';
import { osUserName } from './dataset.js';

export interface BenchEngine {
  engine: Engine;
  store: Store;
  config: LoadedConfig;
  close(): Promise<void>;
}

export async function openEngine(
  db: string,
  configFile: string,
  opts: { user?: string; handler?: Handler; start?: boolean; wrapStore?: (store: Store) => Store } = {},
): Promise<BenchEngine> {
  const config = loadConfigFile(configFile);
  const opened = openStore(db);
  const store = opts.wrapStore ? opts.wrapStore(opened) : opened;
  const defs = definitionsOf(config);
  await store.syncDefinitions(defs.services, defs.tasks, Date.now());
  const user = opts.user ?? osUserName();
  const identity = resolveIdentity(config, user);
  const handler = opts.handler;
  const engine = new Engine({
    store,
    config,
    identity,
    instance: newInstance(user, 'engine'),
    location: { database: store.location, config: config.source, demo: false },
    schedule: false,
    ...(handler ? { handlerFor: (_task: TaskConfig) => handler } : {}),
  });
  if (opts.start) await engine.start();
  return {
    engine,
    store,
    config,
    async close() {
      if (opts.start) await engine.shutdown();
      await opened.close();
    },
  };
}
