// The config cache (src/config/cache.ts): an unchanged file comes back from the cache
// without being parsed; a changed file, a changed ${ENV} value, a handler file that went
// away or a damaged entry are parsed again; no secret is written to the cache.
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_STALE_MS } from '../../../src/config/cache-lock.js';
import { cachedConfigOnly, configCacheDir, loadConfigCached, parseConfigCached } from '../../../src/config/cache.js';
import { nameHash } from '../../../src/config/cache-key.js';
import { ConfigError, loadConfigFile } from '../../../src/config/load.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-config-cache-');

const CONFIG = `services:
  - id: crm
    name: CRM
    baseUrl: https://crm.example
    auth: { type: bearer, token: "\${CRM_TOKEN}" }
    headers: { X-Clinic: "clinic \${CLINIC_ID}/\${CRM_TOKEN}" }
tasks:
  - id: leads
    name: Leads
    type: leads
    service: crm
    role: admin
    interval: 5m
    handler: { kind: module, module: ./leads.mjs }
`;
const ENV = { CRM_TOKEN: 'tok-3f9a1c77e2', CLINIC_ID: 'north-7' };

function setUp(text = CONFIG): { file: string; cache: string } {
  const file = join(dir(), 'syncdeck.yaml');
  writeFileSync(file, text);
  writeFileSync(join(dir(), 'leads.mjs'), 'export default async () => ({ outcome: "success" });\n');
  return { file, cache: join(dir(), 'cache') };
}

function entryText(cache: string): string {
  const files = readdirSync(cache).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  return readFileSync(join(cache, files[0]!), 'utf8');
}

/** Marks the entry so that a result taken from it can be told from a parsed one. */
function markEntry(cache: string): void {
  const file = join(
    cache,
    readdirSync(cache).find((f) => f.endsWith('.json'))!,
  );
  const entry = JSON.parse(readFileSync(file, 'utf8')) as { config: { tasks: { name: string }[] } };
  entry.config.tasks[0]!.name = 'from the cache';
  writeFileSync(file, JSON.stringify(entry));
}

describe('config cache', () => {
  it('gives the same config as the loader, then takes it from the cache while nothing changed', async () => {
    const { file, cache } = setUp();
    const parsed = await loadConfigCached(file, cache, ENV);
    expect(parsed).toEqual(loadConfigFile(file, { env: ENV }));
    markEntry(cache);
    const again = await loadConfigCached(file, cache, ENV);
    expect(again.tasks[0]!.name).toBe('from the cache');
    // Secrets are filled in again from the environment, in place and in the list.
    expect(again.services[0]!.auth).toEqual({ type: 'bearer', token: ENV.CRM_TOKEN });
    expect(again.services[0]!.headers).toEqual({ 'X-Clinic': `clinic ${ENV.CLINIC_ID}/${ENV.CRM_TOKEN}` });
    expect([...again.secrets].sort()).toEqual([...parsed.secrets].sort());
  });

  it('writes no secret value to the cache, only ${NAME} templates', async () => {
    const { file, cache } = setUp();
    await loadConfigCached(file, cache, ENV);
    const text = entryText(cache);
    expect(text).not.toContain(ENV.CRM_TOKEN);
    expect(text).not.toContain(ENV.CLINIC_ID);
    expect(text).toContain('${CRM_TOKEN}');
  });

  it('parses again when one byte of the file changed', async () => {
    const { file, cache } = setUp();
    await loadConfigCached(file, cache, ENV);
    markEntry(cache);
    writeFileSync(file, CONFIG.replace('name: Leads', 'name: Leadz'));
    expect((await loadConfigCached(file, cache, ENV)).tasks[0]!.name).toBe('Leadz');
    // …and an invalid file is reported as the loader reports it, whatever the cache held.
    writeFileSync(file, CONFIG.replace('interval: 5m', 'interval: 5 parsecs'));
    await expect(loadConfigCached(file, cache, ENV)).rejects.toThrow(ConfigError);
  });

  it('takes an entry only for the very text it was made from, whatever key it holds', async () => {
    const { file, cache } = setUp();
    await loadConfigCached(file, cache, ENV);
    const entryFile = join(
      cache,
      readdirSync(cache).find((f) => f.endsWith('.json'))!,
    );
    const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as {
      text: string;
      config: { tasks: { name: string }[] };
    };
    expect(entry.text).toBe(CONFIG);
    entry.text = CONFIG.replace('interval: 5m', 'interval: 6m');
    entry.config.tasks[0]!.name = 'from the cache';
    writeFileSync(entryFile, JSON.stringify(entry));
    expect(cachedConfigOnly(file, cache, ENV)).toBeNull();
    expect((await loadConfigCached(file, cache, ENV)).tasks[0]!.name).toBe('Leads');
  });

  it('parses again when a referenced environment variable changed, or is gone', async () => {
    const { file, cache } = setUp();
    await loadConfigCached(file, cache, ENV);
    markEntry(cache);
    const other = await loadConfigCached(file, cache, { ...ENV, CLINIC_ID: 'south-2' });
    expect(other.tasks[0]!.name).toBe('Leads');
    expect(other.services[0]!.headers).toEqual({ 'X-Clinic': `clinic south-2/${ENV.CRM_TOKEN}` });
    await expect(loadConfigCached(file, cache, { CRM_TOKEN: ENV.CRM_TOKEN })).rejects.toThrow(/CLINIC_ID is not set/);
  });

  it('parses again when a handler file the loader checked has gone', async () => {
    const { file, cache } = setUp();
    await loadConfigCached(file, cache, ENV);
    rmSync(join(dir(), 'leads.mjs'));
    await expect(loadConfigCached(file, cache, ENV)).rejects.toThrow(/leads\.mjs does not exist/);
  });

  it('parses again when the entry is damaged, and replaces it', async () => {
    const { file, cache } = setUp();
    await loadConfigCached(file, cache, ENV);
    const entry = join(cache, readdirSync(cache)[0]!);
    writeFileSync(entry, '{"format":1,"key":');
    expect((await loadConfigCached(file, cache, ENV)).tasks[0]!.name).toBe('Leads');
    expect(() => JSON.parse(readFileSync(entry, 'utf8')) as unknown).not.toThrow();
  });

  it('keeps an entry per build: two builds used in turn (an upgrade under way) both find theirs', async () => {
    const { file, cache } = setUp();
    const input = { text: readFileSync(file, 'utf8'), baseDir: dir(), source: file, label: file, env: ENV };
    await parseConfigCached(input, cache, 'build-old');
    await parseConfigCached(input, cache, 'build-new');
    const entries = readdirSync(cache).filter((f) => f.endsWith('.json'));
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      const path = join(cache, entry);
      const marked = JSON.parse(readFileSync(path, 'utf8')) as { config: { tasks: { name: string }[] } };
      marked.config.tasks[0]!.name = `from ${entry}`;
      writeFileSync(path, JSON.stringify(marked));
    }
    const old = await parseConfigCached(input, cache, 'build-old');
    const current = await parseConfigCached(input, cache, 'build-new');
    expect(old.tasks[0]!.name).toMatch(/^from /);
    expect(current.tasks[0]!.name).toMatch(/^from /);
    expect(old.tasks[0]!.name).not.toBe(current.tasks[0]!.name);
  });

  it('parses again when a value from ${ENV} that the schema turns into a number changed', async () => {
    const { file, cache } = setUp(CONFIG.replace('interval: 5m', 'interval: "${EVERY}"'));
    expect((await loadConfigCached(file, cache, { ...ENV, EVERY: '15m' })).tasks[0]!.interval).toBe(15 * 60_000);
    expect((await loadConfigCached(file, cache, { ...ENV, EVERY: '30m' })).tasks[0]!.interval).toBe(30 * 60_000);
  });

  it('lives in $XDG_CACHE_HOME/syncdeck/config, and SYNCDECK_CONFIG_CACHE=off turns it off', () => {
    const build = { SYNCDECK_BUILD_ID: 'test' };
    const saved = process.env.SYNCDECK_BUILD_ID;
    process.env.SYNCDECK_BUILD_ID = build.SYNCDECK_BUILD_ID;
    try {
      expect(configCacheDir({ XDG_CACHE_HOME: '/var/cache/u1' })).toBe('/var/cache/u1/syncdeck/config');
      expect(configCacheDir({ XDG_CACHE_HOME: '/var/cache/u1', SYNCDECK_CONFIG_CACHE: 'off' })).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.SYNCDECK_BUILD_ID;
      else process.env.SYNCDECK_BUILD_ID = saved;
    }
    // Run from the sources (no build id): no cache, the schema may have changed under it.
    if (saved === undefined) expect(configCacheDir({ XDG_CACHE_HOME: '/var/cache/u1' })).toBeNull();
  });

  describe('instances started together', () => {
    function entryPath(cache: string): string {
      return join(
        cache,
        readdirSync(cache).find((f) => f.endsWith('.json'))!,
      );
    }

    it('wait for the one that parses the same new text and take its entry', async () => {
      const { file, cache } = setUp();
      await loadConfigCached(file, cache, ENV);
      markEntry(cache);
      const entry = entryPath(cache);
      const written = readFileSync(entry, 'utf8');
      // Another instance holds the lock: it is parsing, its entry is not there yet.
      rmSync(entry);
      writeFileSync(`${entry}.lock`, '');
      const waiting = loadConfigCached(file, cache, ENV);
      writeFileSync(entry, written);
      rmSync(`${entry}.lock`);
      expect((await waiting).tasks[0]!.name).toBe('from the cache');
    });

    it('a lock left by a process that died while parsing is ignored, and taken away', async () => {
      const { file, cache } = setUp();
      await loadConfigCached(file, cache, ENV);
      const entry = entryPath(cache);
      rmSync(entry);
      writeFileSync(`${entry}.lock`, '');
      const old = (Date.now() - 2 * LOCK_STALE_MS) / 1000;
      utimesSync(`${entry}.lock`, old, old);
      expect((await loadConfigCached(file, cache, ENV)).tasks[0]!.name).toBe('Leads');
      expect(readdirSync(cache).sort()).toEqual([basename(entry)]);
    });

    it('the lock is given back when the file has problems', async () => {
      const { file, cache } = setUp(CONFIG.replace('interval: 5m', 'interval: often'));
      await expect(loadConfigCached(file, cache, ENV)).rejects.toThrow(ConfigError);
      expect(readdirSync(cache)).toEqual([]);
    });
  });
});

describe('cachedConfigOnly (the dashboard preview)', () => {
  it('is null until the file is cached, writes nothing, then gives the cached config while the file is unchanged', async () => {
    const { file, cache } = setUp();
    expect(cachedConfigOnly(file, cache, ENV)).toBeNull();
    expect(() => readdirSync(cache)).toThrow(); // not even the folder
    await loadConfigCached(file, cache, ENV);
    const before = readdirSync(cache).map((f) => [f, readFileSync(join(cache, f), 'utf8')]);
    // What the loader gives from the cache (a parsed config lists its secrets in another order).
    expect(cachedConfigOnly(file, cache, ENV)).toEqual(await loadConfigCached(file, cache, ENV));
    expect(readdirSync(cache).map((f) => [f, readFileSync(join(cache, f), 'utf8')])).toEqual(before);
  });

  it('is null for a changed file or a changed ${ENV} value, and never parses it', async () => {
    const { file, cache } = setUp();
    await loadConfigCached(file, cache, ENV);
    expect(cachedConfigOnly(file, cache, { ...ENV, CLINIC_ID: 'south-2' })).toBeNull();
    writeFileSync(file, CONFIG.replace('interval: 5m', 'interval: 6m'));
    expect(cachedConfigOnly(file, cache, ENV)).toBeNull();
    writeFileSync(file, 'tasks: [ this is not valid');
    expect(cachedConfigOnly(file, cache, ENV)).toBeNull();
  });

  it('is null without a cache folder (SYNCDECK_CONFIG_CACHE=off)', () => {
    const { file } = setUp();
    expect(cachedConfigOnly(file, null, ENV)).toBeNull();
  });
});

describe('cache-key: nameHash (the entry file names)', () => {
  it('gives 16 hex digits, the same for the same text, different ones for texts a character apart', () => {
    const texts = [
      'b1\0/a/syncdeck.yaml\0/a',
      'b1\0/a/syncdeck.yaml\0/b',
      'b1\0/b/syncdeck.yaml\0/a',
      'b2\0/a/syncdeck.yaml\0/a',
      '',
      'a',
    ];
    const names = texts.map(nameHash);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(names).size).toBe(texts.length);
    expect(texts.map(nameHash)).toEqual(names);
  });
});
