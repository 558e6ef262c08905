import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir, defaultDbPath } from '../../../src/cli/paths.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-paths-');

describe('paths.dataDir', () => {
  it('creates $XDG_DATA_HOME/syncdeck private to the user', () => {
    const made = dataDir({ XDG_DATA_HOME: dir() });
    expect(made).toBe(join(dir(), 'syncdeck'));
    expect(statSync(made).mode & 0o777).toBe(0o700);
    expect(defaultDbPath(true, { XDG_DATA_HOME: dir() })).toBe(join(dir(), 'syncdeck', 'demo.db'));
  });

  it('closes an existing syncdeck folder that others could read', () => {
    const existing = join(dir(), 'syncdeck');
    mkdirSync(existing);
    chmodSync(existing, 0o755);
    dataDir({ XDG_DATA_HOME: dir() });
    expect(statSync(existing).mode & 0o777).toBe(0o700);
  });
});
