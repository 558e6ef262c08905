// The validated config, cached by what decides it: parsing and validating a
// large YAML file is most of a start (docs/config.md, "The config cache";
// docs/ARCHITECTURE.md, Config). A hit loads neither the YAML parser nor the schema.
//
// What may not change for a hit: the file's text, its absolute path (relative paths are
// resolved against it), the value of every ${ENV} the text names, and the build (a
// rebuilt schema may read the same text differently). The entry holds no secret: every
// string that came from a ${ENV} is stored as its ${NAME} template and filled in again
// from the environment the key was made with.
// No hash of the text decides a hit: the entry holds the text it was made from, and a hit is
// the same text, compared whole (cache-key.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LoadedConfig } from './load.js';
import { syncdeckCacheDir } from './cache-home.js';
import { releaseParseLock, takeParseLock, waitForParseLock } from './cache-lock.js';
import { cacheKey, entryName, ENV_REF, FORMAT, referencedNames } from './cache-key.js';
import { readConfigText } from './read.js';

type Env = Record<string, string | undefined>;
type Path = (string | number)[];

/** At most this many configs are kept; writing one more removes the least recently written. */
const MAX_ENTRIES = 32;

interface Entry {
  format: typeof FORMAT;
  key: string;
  /** The config's text, as read: a hit is this text again. */
  text: string;
  config: LoadedConfig;
  /** Where a string holds ${NAME} templates to fill from the environment. */
  templated: Path[];
  /** The variables whose values are the config's secrets. */
  secretNames: string[];
}

export interface ParseInput {
  text: string;
  /** Resolves relative paths; the loader's `baseDir`. */
  baseDir: string;
  /** The absolute path of the file, or a label such as "demo". */
  source: string;
  /** Used in messages instead of the path. */
  label: string;
  env: Env;
}

/**
 * The cache folder: `$XDG_CACHE_HOME/syncdeck/config` (default ~/.cache/syncdeck/config),
 * private to the user; null when SYNCDECK_CONFIG_CACHE=off, or when this is not a build
 * (running from the sources under tsx: its schema has no build id to key on).
 */
export function configCacheDir(env: Env = process.env): string | null {
  if (env.SYNCDECK_CONFIG_CACHE === 'off' || !buildId()) return null;
  return syncdeckCacheDir('config', env);
}

/** Set by scripts/build.mjs: a hash of the sources the bundle was built from. */
function buildId(): string | undefined {
  return process.env.SYNCDECK_BUILD_ID;
}

/** Loads a config file through the cache in `dir` (null: no cache). */
export async function loadConfigCached(
  file: string,
  dir: string | null = configCacheDir(),
  env: Env = process.env,
): Promise<LoadedConfig> {
  const abs = resolve(file);
  const text = readConfigText(file, abs);
  return parseConfigCached({ text, baseDir: dirname(abs), source: abs, label: file, env }, dir);
}

/**
 * The cached config of `file` when the cache holds it for the file as it is now, else null:
 * never parses, never takes the parse lock, never writes (the dashboard's preview,
 * docs/ARCHITECTURE.md, Composition root: it must not delay the engine, which parses).
 */
export function cachedConfigOnly(
  file: string,
  dir: string | null = configCacheDir(),
  env: Env = process.env,
  build = buildId() ?? 'source',
): LoadedConfig | null {
  if (!dir) return null;
  const abs = resolve(file);
  return cachedParseOnly(
    { text: readConfigText(file, abs), baseDir: dirname(abs), source: abs, label: file, env },
    dir,
    build,
  );
}

/** As cachedConfigOnly, for a config's text (the demo's): the cached result of parseConfigCached(input, dir), else null. */
export function cachedParseOnly(
  input: ParseInput,
  dir: string | null,
  build = buildId() ?? 'source',
): LoadedConfig | null {
  if (!dir) return null;
  return readEntry(join(dir, entryName(build, input)), cacheKey(input, build), input);
}

/** Parses and validates `input.text`, or takes the result from `dir` when nothing that decides it changed. */
export async function parseConfigCached(
  input: Omit<ParseInput, 'env'> & { env?: Env },
  dir: string | null,
  build = buildId() ?? 'source',
): Promise<LoadedConfig> {
  const full: ParseInput = { ...input, env: input.env ?? process.env };
  const key = cacheKey(full, build);
  // One entry per build and file: two builds in use at once (an upgrade under way, engines
  // restarted one by one) keep one each instead of replacing each other's on every start.
  const file = dir ? join(dir, entryName(build, full)) : null;
  const hit = file ? readEntry(file, key, full) : null;
  if (hit) return hit;
  if (!file || !dir) return parse(full);
  // Instances started together with a config new to the cache parse it once: the first
  // holds the lock and writes the entry, the others wait for it (see cache-lock.ts).
  const lock = `${file}.lock`;
  let locked = makeDir(dir) && takeParseLock(lock);
  if (!locked && (await waitForParseLock(lock))) {
    const written = readEntry(file, key, full);
    if (written) return written;
    locked = takeParseLock(lock);
  }
  try {
    // The holder before this one may have written it between the look above and the lock.
    const written = locked ? readEntry(file, key, full) : null;
    if (written) return written;
    const config = await parse(full);
    writeEntry(dir, file, key, config, full);
    return config;
  } finally {
    if (locked) releaseParseLock(lock);
  }
}

async function parse(input: ParseInput): Promise<LoadedConfig> {
  const { parseConfigText } = await import('./load.js');
  return parseConfigText(input.text, {
    env: input.env,
    label: input.label,
    baseDir: input.baseDir,
    source: input.source,
  });
}

function makeDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return true;
  } catch {
    return false; // a cache that cannot be written: parse, as without one
  }
}

function readEntry(file: string, key: string, input: ParseInput): LoadedConfig | null {
  const env = input.env;
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(file, 'utf8')) as Entry;
  } catch {
    return null;
  }
  if (entry?.format !== FORMAT || entry.key !== key || entry.text !== input.text) return null;
  const config = entry.config;
  for (const path of entry.templated) setAt(config, path, fill(String(getAt(config, path)), env));
  config.secrets = entry.secretNames.map((n) => env[n] ?? '');
  // The loader checked these files exist; they may have gone since (the config text did not change).
  if (!handlerFilesExist(config)) return null;
  return config;
}

function handlerFilesExist(config: LoadedConfig): boolean {
  // Each file once: hundreds of tasks often share a handler.
  const files = new Set<string>();
  for (const t of config.tasks) {
    if (t.handler.kind === 'module') files.add(t.handler.module);
    else if (t.handler.kind === 'command' && t.handler.command.startsWith('/')) files.add(t.handler.command);
  }
  for (const f of files) if (!existsSync(f)) return false;
  return true;
}

function fill(template: string, env: Env): string {
  return template.replace(ENV_REF, (_whole, name: string) => env[name] ?? '');
}

/** The entry to store, or null when a secret could not be taken out of it (then nothing is cached). */
export function cacheableEntry(
  key: string,
  text: string,
  config: LoadedConfig,
  env: Env,
  names: string[],
): Entry | null {
  const pairs = names
    .map((n): [string, string | undefined] => [n, env[n]])
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '' && config.secrets.includes(e[1]));
  const copy = JSON.parse(JSON.stringify({ ...config, secrets: [] })) as LoadedConfig;
  const templated: Path[] = [];
  const secretValues = [...new Set(config.secrets)];
  if (secretValues.length) {
    const pattern = new RegExp(
      secretValues
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    const nameOf = new Map<string, string>();
    for (const [n, v] of pairs) if (!nameOf.has(v)) nameOf.set(v, n);
    let failed = false;
    walkStrings(copy, [], (s, path) => {
      pattern.lastIndex = 0;
      if (!pattern.test(s)) return s;
      const template = s.replace(pattern, (v) => `\${${nameOf.get(v) ?? '?'}}`);
      if (fill(template, env) !== s) failed = true;
      templated.push(path);
      return template;
    });
    if (failed) return null;
    // A secret that reached something other than a string value (a number made of it, a key): keep no entry.
    const json = JSON.stringify(copy);
    if (secretValues.some((v) => json.includes(JSON.stringify(v).slice(1, -1)))) return null;
  }
  const secretNames = [...new Set(pairs.map(([n]) => n))];
  return { format: FORMAT, key, text, config: copy, templated, secretNames };
}

function writeEntry(dir: string, file: string, key: string, config: LoadedConfig, input: ParseInput): void {
  const entry = cacheableEntry(key, input.text, config, input.env, referencedNames(input.text));
  if (!entry) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
    renameSync(tmp, file);
    prune(dir);
  } catch {
    // A cache that cannot be written (a read-only home) only costs the next start its time.
  }
}

function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of entries.slice(MAX_ENTRIES)) rmSync(join(dir, f), { force: true });
}

function walkStrings(value: unknown, path: Path, visit: (s: string, path: Path) => string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) =>
      typeof v === 'string' ? (value[i] = visit(v, [...path, i])) : walkStrings(v, [...path, i], visit),
    );
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') o[k] = visit(v, [...path, k]);
      else walkStrings(v, [...path, k], visit);
    }
  }
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, seg) => (node as Record<string | number, unknown>)[seg], root);
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
