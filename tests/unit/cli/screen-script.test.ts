// screen-script.ts: which starts run from the screen script (the dashboard on a terminal, in a build).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir, wantsScreenScript } from '../../../src/cli/screen-script.js';

const TERMINAL = { stdin: true, stdout: true };
const SCRIPT = 'package.json'; // any file that exists

describe('screen-script: wantsScreenScript', () => {
  let build: string | undefined;
  beforeEach(() => {
    build = process.env.SYNCDECK_BUILD_ID;
    process.env.SYNCDECK_BUILD_ID = 'test-build';
  });
  afterEach(() => {
    if (build === undefined) delete process.env.SYNCDECK_BUILD_ID;
    else process.env.SYNCDECK_BUILD_ID = build;
  });

  it('the dashboard on a terminal, in a build that has the script', () => {
    expect(wantsScreenScript('ui', TERMINAL, { HOME: '/home/x' }, SCRIPT)).toBe(true);
  });

  it('not another command, not without a terminal on both ends, not with the cache off, not without the script', () => {
    expect(wantsScreenScript('status', TERMINAL, {}, SCRIPT)).toBe(false);
    expect(wantsScreenScript(null, TERMINAL, {}, SCRIPT)).toBe(false);
    expect(wantsScreenScript('ui', { stdin: true, stdout: false }, {}, SCRIPT)).toBe(false);
    expect(wantsScreenScript('ui', { stdin: false, stdout: true }, {}, SCRIPT)).toBe(false);
    expect(wantsScreenScript('ui', TERMINAL, { SYNCDECK_CODE_CACHE: 'off' }, SCRIPT)).toBe(false);
    expect(wantsScreenScript('ui', TERMINAL, {}, 'no-such-file.cjs')).toBe(false);
    delete process.env.SYNCDECK_BUILD_ID;
    expect(wantsScreenScript('ui', TERMINAL, {}, SCRIPT)).toBe(false);
  });

  it('the cache lives under XDG_CACHE_HOME when it is absolute, else ~/.cache', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/var/cache/u' })).toBe('/var/cache/u/syncdeck/code');
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\/\.cache\/syncdeck\/code$/);
  });
});
