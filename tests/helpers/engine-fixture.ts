// Engines over a real database (SQLite by default), with handlers the test controls.
import { join } from 'node:path';
import { parseConfigText, type LoadedConfig } from '../../src/config/load.js';
import type { TaskConfig } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/index.js';
import type { Send } from '../../src/engine/alerts/send.js';
import type { Clock } from '../../src/engine/clock.js';
import type { ConfigFileAccess } from '../../src/engine/config/config-keeper.js';
import { definitionsOf } from '../../src/engine/definitions.js';
import { Engine } from '../../src/engine/engine.js';
import type { Handler } from '../../src/engine/handlers/types.js';
import { resolveIdentity } from '../../src/engine/identity.js';
import { newInstance } from '../../src/engine/instances.js';
import type { EngineEvent, RunSummary } from '../../src/engine/types.js';

export const TEST_CONFIG = `
engine: { leaseTtl: 4s, heartbeat: 1s, stopGrace: 1s, maxConcurrentRuns: 4 }
users:
  - { name: anna, roles: [admin], permissions: [integration-settings] }
  - { name: olga, roles: [reception] }
  - { name: ivan, roles: [marketing] }
services:
  - { id: telephony, name: Telephony, baseUrl: "http://127.0.0.1:9" }
  - { id: leads, name: Leads, baseUrl: "http://127.0.0.1:9" }
tasks:
  - { id: calls, name: Receive calls, type: calls, service: telephony, role: reception, interval: 1s, maxInterval: 5s, timeout: 2s, handler: { kind: http, path: /calls } }
  - { id: leads, name: Receive leads, type: leads, service: leads, role: marketing, interval: 1s, maxInterval: 5s, handler: { kind: http, path: /leads } }
`;

export function testConfig(yaml = TEST_CONFIG): LoadedConfig {
  return parseConfigText(yaml, { baseDir: process.cwd(), source: 'test.yaml', env: {} });
}

export interface TestEngine {
  engine: Engine;
  store: Store;
  events: EngineEvent[];
  /** Resolves with the next run-finished event that matches. */
  nextFinished(match?: (run: RunSummary) => boolean): Promise<RunSummary>;
  close(): Promise<void>;
}

export interface TestEngineOptions {
  dir: string;
  user?: string;
  osUser?: string;
  schedule?: boolean;
  handlers: Record<string, Handler>;
  config?: LoadedConfig;
  host?: string;
  /** The database (a file or a postgres:// URL); syncdeck.db in `dir` by default. */
  location?: string;
  /** Stands between the engine and its store (to delay or count calls). */
  wrapStore?: (store: Store) => Store;
  /** A fake clock (tests/helpers/fake-clock.ts); the system clock by default. */
  clock?: Clock;
  /** The config file the engine reloads, read through `configFiles` (tests/helpers/fake-config-files.ts). */
  configFile?: string;
  configFiles?: ConfigFileAccess;
  /** Write the definitions unconditionally before start (as a database set up by hand); true by default. */
  presync?: boolean;
  /** How alerts reach their channels; the real webhooks and commands by default. */
  sendAlert?: Send;
}

export async function startTestEngine(opts: TestEngineOptions): Promise<TestEngine> {
  const config = opts.config ?? testConfig();
  const opened = openStore(opts.location ?? join(opts.dir, 'syncdeck.db'));
  const store = opts.wrapStore ? opts.wrapStore(opened) : opened;
  const defs = definitionsOf(config);
  if (opts.presync ?? true) await store.syncDefinitions(defs.services, defs.tasks, (opts.clock ?? Date).now());
  const osUser = opts.osUser ?? opts.user ?? 'anna';
  const identity = resolveIdentity(config, osUser, opts.user);
  const engine = new Engine({
    store,
    config,
    identity,
    instance: newInstance(osUser, 'engine', opts.host),
    location: { database: store.location, config: 'test.yaml', demo: false },
    schedule: opts.schedule ?? false,
    handlerFor: (task: TaskConfig) => opts.handlers[task.id] ?? (async () => undefined),
    clock: opts.clock,
    configFile: opts.configFile,
    configFiles: opts.configFiles,
    sendAlert: opts.sendAlert,
  });
  const events: EngineEvent[] = [];
  const waiters: { match: (r: RunSummary) => boolean; resolve: (r: RunSummary) => void }[] = [];
  engine.subscribe((e) => {
    events.push(e);
    if (e.type !== 'run-finished') return;
    const i = waiters.findIndex((w) => w.match(e.run));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(e.run);
  });
  await engine.start();
  return {
    engine,
    store,
    events,
    nextFinished: (match = () => true) => new Promise((resolve) => waiters.push({ match, resolve })),
    async close() {
      await engine.shutdown();
      await store.close();
    },
  };
}

/** A handler that waits until aborted (honouring the signal) — a long run that Stop can end. */
export const untilAborted: Handler = (ctx) =>
  new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));

/** A handler that ignores its AbortSignal and never ends. */
export const hangsForever: Handler = () => new Promise(() => undefined);

/** A handler whose end the test decides. */
export function controlled(): { handler: Handler; started: Promise<void>; finish(): void; fail(err: Error): void } {
  let startedResolve!: () => void;
  const started = new Promise<void>((r) => (startedResolve = r));
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const handler: Handler = () => {
    startedResolve();
    return new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { handler, started, finish: () => finish(), fail: (e) => fail(e) };
}
