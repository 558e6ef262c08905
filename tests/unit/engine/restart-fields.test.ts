// config/restart-fields: which edits of `database` only a restart applies.
import { describe, expect, test } from 'vitest';
import { restartNeeded } from '../../../src/engine/config/restart-fields.js';

const IN_USE = '/srv/syncdeck/a.db';

describe('config/restartNeeded', () => {
  test('a new location in the file needs a restart; the message shows the one in use, never the new one', () => {
    const needed = restartNeeded('/c.yaml', { location: IN_USE }, { location: 'postgres://u:secret@db/x' }, IN_USE);
    expect(needed).toEqual({
      fields: ['database'],
      message: `database changed in /c.yaml: this instance keeps using ${IN_USE} until it restarts`,
    });
    expect(needed?.message).not.toContain('secret');
  });

  test('the same location and pool need nothing', () => {
    expect(restartNeeded('/c.yaml', { location: IN_USE, pool: 2 }, { location: IN_USE, pool: 2 }, IN_USE)).toBeNull();
  });

  test('with the store chosen by --db or SYNCDECK_DB the file’s location is not what runs: only the pool counts', () => {
    expect(restartNeeded('/c.yaml', { location: 'a.db' }, { location: 'b.db' }, IN_USE, false)).toBeNull();
    expect(restartNeeded('/c.yaml', { pool: 1 }, { pool: 4 }, IN_USE, false)?.fields).toEqual(['database']);
  });
});
