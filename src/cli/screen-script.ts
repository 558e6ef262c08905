// The dashboard's screen thread runs the command line from one script, dist/screen.cjs (the
// same sources as the ES module bundle, built by scripts/build.mjs), compiled from V8's code
// cache: Node 20 has no code cache for ES modules, and compiling Ink, React and our screens
// from source, then each function again the first time it runs, was about a seventh of a
// dashboard's start. The cache is written once, after the first frame, so it holds what the
// first frame ran (docs/ARCHITECTURE.md, Composition root; BENCHMARKS.md, "Where it goes").
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { syncdeckCacheDir } from '../config/cache-home.js';
import { terminalAbilities } from '../ui/terminal-env.js';
import { parseArgs, type ParsedArgs } from './args.js';
import type { ScriptHooks } from './script-hooks.js';
import { optimizeOnlyHotCode, preferSmallHeap } from './small-heap.js';

type Env = Record<string, string | undefined>;

/** What a script exports: src/cli/run-cli.ts. */
export interface CommandScript {
  runCli(argv: readonly string[], hooks?: ScriptHooks): Promise<number>;
}

/** Code caches kept per script: one per build, Node and script; writing one more removes the oldest. */
const MAX_CACHES = 4;

/** The scripts beside this bundle's chunks in dist/: the dashboard's screen thread's, and `status`'s. */
export const SCREEN_SCRIPT = fileURLToPath(new URL('./screen.cjs', import.meta.url));
export const STATUS_SCRIPT = fileURLToPath(new URL('./status.cjs', import.meta.url));

/**
 * The folder of code caches, `$XDG_CACHE_HOME/syncdeck/code`; null when
 * SYNCDECK_CODE_CACHE=off, or when this is not a build (under tsx, from the sources).
 */
export function codeCacheDir(env: Env = process.env): string | null {
  if (env.SYNCDECK_CODE_CACHE === 'off' || !process.env.SYNCDECK_BUILD_ID) return null;
  return syncdeckCacheDir('code', env);
}

/**
 * The script a command runs from, in a build that has it and with the code cache on, else
 * null (the module bundle runs it): the dashboard's screen thread (`ui`; on a terminal only,
 * which commandScriptFor asks), and `status`, the command run most often from a shell.
 */
export function scriptFor(
  command: string | null,
  env: Env = process.env,
  scripts: { ui: string; status: string } = { ui: SCREEN_SCRIPT, status: STATUS_SCRIPT },
): string | null {
  const script = command === 'ui' ? scripts.ui : command === 'status' ? scripts.status : null;
  return script !== null && codeCacheDir(env) !== null && existsSync(script) ? script : null;
}

/** What the caches of a script are called: `screen-…`, `status-…`. */
const cachePrefix = (script: string) => `${basename(script, '.cjs')}-`;

/**
 * The cache's name says everything V8 does not check itself: V8 rejects a cache made by
 * another V8 or with other flags, and compares only the length of the source.
 */
function cacheName(script: string, size: number, mtimeMs: number): string {
  const build = process.env.SYNCDECK_BUILD_ID ?? 'source';
  return `${cachePrefix(script)}${build}-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.v8`;
}

function readInto(file: string, into: Buffer, size: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    let done = 0;
    while (done < size) {
      const n = readSync(fd, into, done, size - done, done);
      if (n === 0) break; // shorter than its size said: changed meanwhile
      done += n;
    }
    return into.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * The script's text and its cache, if there is one (the first start of this build compiles
 * from source and caches after the first frame). Both are read through one buffer, the text
 * first (copied out as a string): on a server's virtual machine, fresh memory is most of what
 * reading a megabyte costs.
 */
function readScript(script: string, size: number, cacheFile: string): { source: string; cached?: Buffer } {
  let cacheSize = 0;
  try {
    cacheSize = statSync(cacheFile).size;
  } catch {
    // no cache yet
  }
  const buffer = Buffer.allocUnsafeSlow(Math.max(size, cacheSize));
  // esbuild writes the script in ASCII: read as Latin-1, it needs no UTF-8 decoding.
  const source = readInto(script, buffer, size).toString('latin1');
  try {
    return { source, cached: cacheSize > 0 ? readInto(cacheFile, buffer, cacheSize) : undefined };
  } catch {
    return { source }; // removed meanwhile: as without one
  }
}

/** Writes the cache beside at most MAX_CACHES - 1 others of its script; never throws (a cache that cannot be written is no cache). */
async function writeCache(dir: string, script: string, name: string, data: Buffer): Promise<void> {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const older = readdirSync(dir)
      .filter((f) => f.startsWith(cachePrefix(script)) && f !== name)
      .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of older.slice(MAX_CACHES - 1)) rmSync(join(dir, f), { force: true });
    // Written whole under another name, then renamed: a reader never sees half a cache.
    // (node:fs/promises loaded here, after the start: about 2 ms of every start before.)
    const { rename, writeFile } = await import('node:fs/promises');
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, join(dir, name));
  } catch {
    // a full disk, a read-only home: the next start compiles from source again
  }
}

export interface LoadedScript {
  cli: CommandScript;
  /** The cache was there and V8 took it. */
  fromCache: boolean;
  /** Writes the cache of what has run so far, once, unless V8 took it at the start (ScriptHooks.saveCodeCache). */
  saveCache(): Promise<void>;
}

/** Compiles and runs a script, from the cache in `dir` when it holds one for this script. */
export function loadScript(dir: string, script = SCREEN_SCRIPT): LoadedScript {
  const { size, mtimeMs } = statSync(script);
  const name = cacheName(script, size, mtimeMs);
  const { source, cached } = readScript(script, size, join(dir, name));
  // The script is one function expression (scripts/build.mjs): compiled as it was read.
  const compiled = new Script(source, { filename: script, cachedData: cached });
  const fromCache = cached !== undefined && !compiled.cachedDataRejected;
  const module = { exports: {} as CommandScript };
  (compiled.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    createRequire(script),
    module,
    script,
    dirname(script),
  );
  let saving: Promise<void> | null = fromCache ? Promise.resolve() : null;
  const saveCache = () => (saving ??= writeCache(dir, script, name, compiled.createCachedData()));
  const hooks: ScriptHooks = { saveCodeCache: saveCache };
  const cli = module.exports;
  return { cli: { runCli: (argv) => cli.runCli(argv, hooks) }, fromCache, saveCache };
}

/**
 * The command line of the script this start runs from (scriptFor), or null: the module
 * bundle's runs it (bin/syncdeck.js).
 */
export function commandScriptFor(argv: readonly string[]): CommandScript | null {
  let args: ParsedArgs | null = null;
  try {
    args = parseArgs(argv);
  } catch {
    // Bad usage: the module bundle's command line says what is wrong.
  }
  const script = scriptFor(args?.command ?? null);
  if (!script) return null;
  if (args?.command === 'ui') {
    // Without a terminal on both ends, or on one that cannot show it, `ui` prints the status
    // table (commands/ui.ts), which the module bundle loads faster.
    if (!process.stdin.isTTY || !process.stdout.isTTY || !terminalAbilities(process.env).screen) return null;
    // The dashboard's V8 flags (ui.ts sets them again), before compiling: V8 takes a cache
    // only under the flags it was made with.
    preferSmallHeap();
    optimizeOnlyHotCode();
  }
  try {
    // Not null: scriptFor asked codeCacheDir already.
    return loadScript(codeCacheDir()!, script).cli;
  } catch {
    // A script that does not load (a build under way, a damaged dist/): the module bundle's
    // command line instead.
    return null;
  }
}
