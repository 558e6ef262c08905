// The database holds request and response bodies: it is created private to its user, file
// 0600 (its -wal and -shm too) in a directory 0700, even under a umask that would allow
// everyone everything.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { task, writeClinic } from '../helpers/clinic-config.js';
import { isEvent, runSyncdeck, startSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-modes-');
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

let umask = 0;
beforeEach(() => {
  umask = process.umask(0); // the children inherit it: a careless open() would make 0666 files
});
afterEach(() => {
  process.umask(umask);
});

function clinic() {
  return writeClinic(dir(), { tasks: [task('calls', '{ kind: http, path: /calls }', { every: 'interval: 1h' })] });
}

describe('files syncdeck creates', () => {
  it(
    'the default data directory ($XDG_DATA_HOME/syncdeck) is 0700 and the database in it 0600, -wal and -shm included',
    { timeout: 30_000 },
    async () => {
      const { config } = clinic();
      const xdg = join(dir(), 'xdg');
      const env = { XDG_DATA_HOME: xdg, SYNCDECK_DB: '' };
      const engine = startSyncdeck(['engine', '--config', config], env);
      await engine.waitFor(isEvent('engine-started'), 'engine-started');
      const data = join(xdg, 'syncdeck');
      const db = join(data, 'syncdeck.db');
      expect(engine.lines.find(isEvent('engine-started'))?.database).toBe(db);
      expect({ dir: mode(data), db: mode(db), wal: mode(`${db}-wal`), shm: mode(`${db}-shm`) }).toEqual({
        dir: '700',
        db: '600',
        wal: '600',
        shm: '600',
      });
      engine.child.kill('SIGTERM');
      expect(await engine.exited).toBe(0);
    },
  );

  it(
    'without XDG_DATA_HOME: ~/.local/share/syncdeck, and the demo database there too',
    { timeout: 30_000 },
    async () => {
      const home = join(dir(), 'home');
      mkdirSync(home);
      const env = { HOME: home, XDG_DATA_HOME: '', SYNCDECK_DB: '', SYNCDECK_CONFIG: '' };
      expect((await runSyncdeck(['status'], env)).code).toBe(0); // no config: the demo
      const data = join(home, '.local', 'share', 'syncdeck');
      expect({ dir: mode(data), db: mode(join(data, 'demo.db')) }).toEqual({ dir: '700', db: '600' });
    },
  );

  it('a database named with --db is 0600', async () => {
    const { config, db } = clinic();
    expect((await runSyncdeck(['status', '--config', config, '--db', db])).code).toBe(0);
    expect(mode(db)).toBe('600');
  });
});
