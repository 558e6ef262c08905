// What names a config cache entry and decides a hit (cache.ts). No hash of the text decides
// a hit: the entry holds the text it was made from, and a hit is the same text, compared
// whole, under the same key. So the dashboard's preview, which reads the cache before its
// first frame, does not load node:crypto (about 5 ms of the screen's thread) unless the text
// refers to ${ENV} values, which the key holds only as a digest: the entry holds no secret.
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { ParseInput } from './cache.js';

/** Bumped when the entry's shape changes. */
export const FORMAT = 2;
export const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The entry's file name in the cache folder: one per build and config file. */
export function entryName(build: string, input: ParseInput): string {
  return `${nameHash(`${build}\0${input.source}\0${input.baseDir}`)}.json`;
}

/**
 * 64 bits of a string, for a file name only (two multiplicative lanes mixed at the end, as
 * cyrb53 does): two configs that met on one name would only replace each other's entry,
 * since the key and text inside decide a hit. node:crypto is not loaded for it.
 */
export function nameHash(text: string): string {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return (b >>> 0).toString(16).padStart(8, '0') + (a >>> 0).toString(16).padStart(8, '0');
}

/** sha256, from node:crypto loaded at the first call. */
function sha256(text: string): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return createHash('sha256').update(text).digest('hex');
}

/** The names of the variables the text refers to, sorted, once each. */
export function referencedNames(text: string): string[] {
  return [...new Set([...text.matchAll(ENV_REF)].map((m) => m[1]!))].sort();
}

/**
 * What must be the same for a hit, besides the text: in clear, but the ${ENV} values. No
 * package version: the build id hashes package.json with the sources (and a module of its
 * own for the version was one more file for every start to load).
 */
export function cacheKey(input: ParseInput, build: string): string {
  const names = referencedNames(input.text);
  const vars = names.length === 0 ? '' : sha256(JSON.stringify(names.map((n) => [n, input.env[n] ?? null])));
  return JSON.stringify([FORMAT, build, input.source, input.baseDir, input.label, vars]);
}
