// What each command loads (issue 14, "start fast"; docs/ARCHITECTURE.md, Composition
// root): the bundle's import graph (dist/meta.json, written by scripts/build.mjs), and the
// modules a real `status` run loads (NODE_DEBUG=esm names every module Node loads).
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sendJson } from '../../src/demo/http-server.js';
import { serve } from '../helpers/local-server.js';
import { interactiveEnv } from '../helpers/interactive-env.js';
import { PtyTerminal } from '../helpers/pty-terminal.js';
import { BIN } from '../helpers/syncdeck-process.js';
import { STORE_KINDS, useStoreLocation, withPasswordInEnv, type StoreKind } from '../helpers/stores.js';
import { useTempDir } from '../helpers/temp-dir.js';

interface Meta {
  outputs: Record<
    string,
    {
      entryPoint?: string;
      inputs: Record<string, unknown>;
      imports: { path: string; kind: string; external?: boolean }[];
    }
  >;
}
const meta = JSON.parse(readFileSync('dist/meta.json', 'utf8')) as Meta;
const dir = useTempDir('syncdeck-lazy-');

const CONFIG = `users:
  - name: ${JSON.stringify(userInfo().username)}
    roles: [admin]
services:
  - id: crm
    name: CRM
    baseUrl: http://127.0.0.1:9
tasks:
  - id: leads
    name: Leads
    type: leads
    service: crm
    role: admin
    interval: 1h
    handler: { kind: http, method: GET, path: /leads }
`;

const RENDERING = ['ink', 'react', 'react-reconciler', 'yoga-layout'];
const PARSING = ['yaml', 'zod'];
const POSTGRES = ['pg', 'pg-pool', 'pg-protocol'];
const STORAGE = ['drizzle-orm', 'better-sqlite3'];

/** The package (or our own folder, such as src/demo/services) an input of the bundle comes from. */
function origin(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m ? m[1]! : input.split('/').slice(0, 3).join('/');
}

/** What loading an output loads with it: the output and its static imports, transitively. */
function staticClosure(output: string, seen = new Set<string>()): Set<string> {
  if (seen.has(output) || !meta.outputs[output]) return seen;
  seen.add(output);
  for (const i of meta.outputs[output].imports)
    if (i.kind === 'import-statement' && !i.external) staticClosure(i.path, seen);
  return seen;
}

function originsOf(outputs: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const o of outputs) for (const input of Object.keys(meta.outputs[o]?.inputs ?? {})) found.add(origin(input));
  return found;
}

function loadedBy(entryPoint: string): Set<string> {
  const output = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint === entryPoint);
  if (!output) throw new Error(`no output for ${entryPoint} in dist/meta.json`);
  return originsOf(staticClosure(output));
}

function expectNone(found: Set<string>, absent: string[]): void {
  expect(absent.filter((p) => found.has(p))).toEqual([]);
}

describe('the bundle loads per command only what the command needs', () => {
  it('the entry loads no command, no storage, no rendering and no config parser', () => {
    const found = loadedBy('src/main.ts');
    expectNone(found, [...RENDERING, ...PARSING, ...POSTGRES, ...STORAGE, 'node-cron']);
  });

  it('status: no Ink/React, no PostgreSQL client, no YAML parser or schema, no demo services', () => {
    const found = loadedBy('src/cli/commands/status.ts');
    expectNone(found, [...RENDERING, ...POSTGRES, ...PARSING, 'src/demo/services']);
  });

  it("status --json: the engine's reader alone (no launcher, scheduler, alerts or cron parser), no table, SQLite without pg-core", () => {
    const output = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint === 'src/cli/commands/status.ts')!;
    const sqlite = Object.keys(meta.outputs).find(
      (o) => meta.outputs[o]!.entryPoint === 'src/db/sqlite/sqlite-store.ts',
    )!;
    const inputs = [...staticClosure(output), ...staticClosure(sqlite)].flatMap((o) =>
      Object.keys(meta.outputs[o]!.inputs),
    );
    expect(
      inputs.filter((f) =>
        /src\/engine\/(compose|launcher|scheduler|alerts\/|run\/)|src\/cli\/output\/table|node-cron|drizzle-orm\/pg-core\//.test(
          f,
        ),
      ),
    ).toEqual([]);
    // better-sqlite3 is taken by require(), not imported as an ES module (scripts/build.mjs).
    expect(
      [...staticClosure(sqlite)].filter((o) => meta.outputs[o]!.imports.some((i) => i.path === 'better-sqlite3')),
    ).toEqual([]);
  });

  it("engine and every command that opens a store: only that store's code, on demand (a start-up storm pays each module per instance)", () => {
    expectNone(loadedBy('src/cli/commands/engine.ts'), [...STORAGE, ...POSTGRES, ...PARSING, 'src/db/sqlite']);
    const inputsWith = (source: string) => {
      const output = Object.keys(meta.outputs).find((o) => source in meta.outputs[o]!.inputs);
      if (!output) throw new Error(`${source} is in no output of dist/meta.json`);
      return [...staticClosure(output)].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
    };
    const sqlite = inputsWith('src/db/sqlite/sqlite-store.ts');
    // (drizzle's core imports a few pg-core column classes whatever the dialect: not its driver or dialect.)
    expect(
      sqlite.filter((f) =>
        /node_modules\/pg(-pool|-protocol)?\/|pg-core\/(dialect|session|db)\.js|src\/db\/postgres\/pg-/.test(f),
      ),
    ).toEqual([]);
    const postgres = inputsWith('src/db/postgres/pg-store.ts');
    expect(postgres.filter((f) => /sqlite-core|better-sqlite3|src\/db\/sqlite\//.test(f))).toEqual([]);
    // It opens, compares definitions and registers in plain SQL: drizzle comes with the first call that needs it (drizzle-side.ts).
    expect(
      postgres.filter((f) => /node_modules\/drizzle-orm\/(?!migrator\.js)|src\/db\/postgres\/schema/.test(f)),
    ).toEqual([]);
  });

  it('status and engine: no handler, alert sender or purge thread until one is used (node:http, node:child_process, node:worker_threads)', () => {
    for (const entry of ['src/cli/commands/status.ts', 'src/cli/commands/engine.ts']) {
      const output = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint === entry)!;
      const builtins = [...staticClosure(output)].flatMap((o) =>
        meta.outputs[o]!.imports.filter((i) => i.external).map((i) => i.path.replace(/^node:/, '')),
      );
      expect(builtins.filter((b) => ['http', 'child_process', 'worker_threads', 'net'].includes(b))).toEqual([]);
      const inputs = [...staticClosure(output)].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
      expectNone(new Set(inputs), ['src/engine/handlers/http.ts', 'src/engine/handlers/command.ts']);
    }
  });

  it("the dashboard: its screen thread loads no storage, its engine's thread no rendering", () => {
    expectNone(loadedBy('src/cli/commands/ui.ts'), [...STORAGE, ...PARSING, ...POSTGRES, 'node-cron']);
    // Nor either store before it knows which one the --db names (exit codes read src/db/errors.ts, not src/db/index.ts).
    expectNone(loadedBy('src/cli/dashboard-engine.ts'), [
      ...RENDERING,
      ...PARSING,
      ...POSTGRES,
      ...STORAGE,
      'src/db/sqlite',
      'src/demo/services',
    ]);
    const worker = Object.keys(meta.outputs).find(
      (o) => meta.outputs[o]!.entryPoint === 'src/cli/dashboard-engine.ts',
    )!;
    const inputs = [...staticClosure(worker)].flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
    // Of the PostgreSQL store only what tells a URL from a file.
    expect(inputs.filter((f) => /src\/db\/postgres\/(?!url\.ts$)/.test(f))).toEqual([]);
  });
});

/** The Node modules a process loaded whose id mentions undici (Node's fetch), written at exit by a preload. */
const UNDICI_AT_EXIT = `process.on('exit', () => process.stderr.write('\\nundici:' +
  JSON.stringify(process.moduleLoadList.filter((m) => m.includes('undici')))));`;

function undiciLoaded(stderr: string): string[] {
  const line = stderr.split('\n').find((l) => l.startsWith('undici:'));
  if (!line) throw new Error(`no report from the preload; stderr:\n${stderr.slice(-2000)}`);
  return JSON.parse(line.slice('undici:'.length)) as string[];
}

describe("Node's fetch (undici, about 50 ms to load) is loaded by no start", () => {
  it("the dashboard's Yoga takes its WebAssembly without fetch", () => {
    const output = Object.keys(meta.outputs).find((o) =>
      Object.keys(meta.outputs[o]!.inputs).some((i) => i.includes('yoga-layout/dist/binaries/')),
    );
    if (!output) throw new Error('yoga-layout is in no output of dist/meta.json');
    const script = `${UNDICI_AT_EXIT} await import(${JSON.stringify(join(process.cwd(), output))});`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(undiciLoaded(r.stderr)).toEqual([]);
  });

  describe.each(STORE_KINDS)(
    'status on %s (node-postgres builds a Response to detect Cloudflare)',
    (kind: StoreKind) => {
      const store = useStoreLocation(kind, 'syncdeck-lazy-store-');
      it('loads no undici', () => {
        const config = join(dir(), 'syncdeck.yaml');
        writeFileSync(config, CONFIG);
        const preload = join(dir(), 'undici-at-exit.mjs');
        writeFileSync(preload, UNDICI_AT_EXIT);
        const { url, env } = withPasswordInEnv(store().location);
        const r = spawnSync(
          process.execPath,
          ['--import', preload, BIN, '--db', url, '--config', config, 'status', '--json'],
          {
            env: { ...process.env, ...env, XDG_CACHE_HOME: join(dir(), 'cache') },
            encoding: 'utf8',
          },
        );
        expect(r.status, r.stderr.slice(-2000)).toBe(0);
        expect(undiciLoaded(r.stderr)).toEqual([]);
      });
    },
  );
});

describe('an engine whose tasks are built-in http tasks loads no undici', () => {
  it('a manual run (diagnostics on) of an http task: the request, its body and its record go through node:http', async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { items: [1, 2, 3] }));
    const config = join(dir(), 'syncdeck.yaml');
    writeFileSync(
      config,
      CONFIG.replace('http://127.0.0.1:9', server.url).replace('path: /leads }', 'path: /leads, items: items }'),
    );
    const preload = join(dir(), 'undici-at-exit.mjs');
    writeFileSync(preload, UNDICI_AT_EXIT);
    const args = [
      '--import',
      preload,
      BIN,
      '--db',
      join(dir(), 'run.db'),
      '--config',
      config,
      'run',
      'leads',
      '--json',
    ];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
      env: { ...process.env, XDG_CACHE_HOME: join(dir(), 'cache') },
      encoding: 'utf8',
    });
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'success', message: '3 leads received' });
    expect(undiciLoaded(stderr)).toEqual([]);
  });
});

describe('status in a real process, through the config cache', () => {
  function status(config: string): { tasks: { name: string }[]; origins: Set<string> } {
    const r = spawnSync(
      process.execPath,
      [BIN, '--db', join(dir(), 'syncdeck.db'), '--config', config, 'status', '--json'],
      {
        // The module bundle's status (from its own script, status loads no module at all).
        env: {
          ...process.env,
          NODE_DEBUG: 'esm',
          XDG_CACHE_HOME: join(dir(), 'cache'),
          SYNCDECK_CONFIG_CACHE: '',
          SYNCDECK_CODE_CACHE: 'off',
        },
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const loaded = [...r.stderr.matchAll(/Storing file:\/\/\S*\/(dist\/[^\s/]+\.mjs)/g)].map((m) => m[1]!);
    expect(loaded.length).toBeGreaterThan(1);
    return { tasks: JSON.parse(r.stdout) as { name: string }[], origins: originsOf(loaded) };
  }

  it('parses the file once, takes it from the cache while it is unchanged, and parses it again when it changed', () => {
    const config = join(dir(), 'syncdeck.yaml');
    writeFileSync(config, CONFIG);
    const first = status(config);
    expect(first.tasks.map((t) => t.name)).toEqual(['Leads']);
    expect(PARSING.filter((p) => first.origins.has(p))).toEqual(PARSING);
    expectNone(first.origins, [...RENDERING, ...POSTGRES, 'src/demo/services']);

    const second = status(config);
    expect(second.tasks).toEqual(first.tasks);
    expectNone(second.origins, [...PARSING, ...RENDERING, ...POSTGRES]);

    writeFileSync(config, CONFIG.replace('name: Leads', 'name: Leads (new)'));
    const third = status(config);
    expect(third.tasks.map((t) => t.name)).toEqual(['Leads (new)']);
    expect(third.origins.has('yaml')).toBe(true);
  });
});

/**
 * A preload for the dashboard's screen thread: at its first frame (the first write holding the
 * key bar's "quit"), writes to `out` which of Node's crypto modules it has loaded and how many
 * ICU grapheme segmenters it has made.
 */
const atFirstFrame = (out: string) => `'use strict';
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');
if (isMainThread) {
  let segmenters = 0;
  const Real = Intl.Segmenter;
  Intl.Segmenter = class extends Real { constructor(...args) { super(...args); segmenters++; } };
  const write = process.stdout.write.bind(process.stdout);
  let done = false;
  process.stdout.write = (data, ...rest) => {
    if (!done && String(data).includes('quit')) {
      done = true;
      const crypto = process.moduleLoadList.filter((m) => m.includes('crypto'));
      writeFileSync(${JSON.stringify(out)}, JSON.stringify({ crypto, segmenters }));
    }
    return write(data, ...rest);
  };
}
`;

describe("the dashboard's screen thread, up to its first frame", () => {
  const run = async (args: string[]) => {
    const preload = join(dir(), 'at-first-frame.cjs');
    const out = join(dir(), 'at-first-frame.json');
    rmSync(out, { force: true });
    writeFileSync(preload, atFirstFrame(out));
    const env = interactiveEnv({ XDG_CACHE_HOME: join(dir(), 'cache') });
    const pty = new PtyTerminal([process.execPath, '--require', preload, BIN, ...args], { env });
    try {
      await pty.waitForScreen((t) => /instance \S+:\d+:/.test(t), "the engine's frame");
      // Its first runs may still be going: quitting then asks first.
      pty.type('q');
      const asked = await Promise.race([
        pty.exited.then(() => false),
        pty
          .waitForScreen((t) => t.includes('Quit?'), 'the question')
          .then(
            () => true,
            () => false,
          ),
      ]);
      if (asked) pty.type('y');
      expect(await pty.exited).toBe(0);
    } finally {
      pty.kill();
    }
    return JSON.parse(readFileSync(out, 'utf8')) as { crypto: string[]; segmenters: number };
  };

  // The second start of each: the first fills the config cache its preview reads.
  it(
    'loads no node:crypto and makes no ICU segmenter: a config without ${ENV}, then the demo',
    { timeout: 90_000 },
    async () => {
      const config = join(dir(), 'first-frame.yaml');
      writeFileSync(config, CONFIG);
      const withConfig = ['--db', join(dir(), 'first-frame.db'), '--config', config];
      await run(withConfig);
      expect(await run(withConfig)).toEqual({ crypto: [], segmenters: 0 });
      const demo = ['--db', join(dir(), 'first-frame-demo.db')];
      await run(demo);
      expect(await run(demo)).toEqual({ crypto: [], segmenters: 0 });
    },
  );
});
