// screen-script.ts: which starts run from a script of their own (the dashboard, status; in a build).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir, scriptFor } from '../../../src/cli/screen-script.js';

// Any files that exist.
const SCRIPTS = { ui: 'package.json', status: 'tsconfig.json' };

describe('screen-script: scriptFor', () => {
  let build: string | undefined;
  beforeEach(() => {
    build = process.env.SYNCDECK_BUILD_ID;
    process.env.SYNCDECK_BUILD_ID = 'test-build';
  });
  afterEach(() => {
    if (build === undefined) delete process.env.SYNCDECK_BUILD_ID;
    else process.env.SYNCDECK_BUILD_ID = build;
  });

  it('the dashboard and status, each its own script, in a build that has it', () => {
    expect(scriptFor('ui', { HOME: '/home/x' }, SCRIPTS)).toBe(SCRIPTS.ui);
    expect(scriptFor('status', { HOME: '/home/x' }, SCRIPTS)).toBe(SCRIPTS.status);
  });

  it('not another command, not with the cache off, not without the script, not from the sources', () => {
    for (const command of ['history', 'engine', 'run', null]) expect(scriptFor(command, {}, SCRIPTS)).toBeNull();
    expect(scriptFor('ui', { SYNCDECK_CODE_CACHE: 'off' }, SCRIPTS)).toBeNull();
    expect(scriptFor('status', { SYNCDECK_CODE_CACHE: 'off' }, SCRIPTS)).toBeNull();
    expect(scriptFor('status', {}, { ...SCRIPTS, status: 'no-such-file.cjs' })).toBeNull();
    delete process.env.SYNCDECK_BUILD_ID;
    expect(scriptFor('ui', {}, SCRIPTS)).toBeNull();
  });

  it('the cache lives under XDG_CACHE_HOME when it is absolute, else ~/.cache', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/var/cache/u' })).toBe('/var/cache/u/syncdeck/code');
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\/\.cache\/syncdeck\/code$/);
  });
});
