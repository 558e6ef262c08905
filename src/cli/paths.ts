import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_DATA_HOME/syncdeck` (default ~/.local/share/syncdeck), without creating it. */
export function dataDirPath(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'syncdeck');
}

/** `$XDG_DATA_HOME/syncdeck` (default ~/.local/share/syncdeck), created private to the user. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = dataDirPath(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A folder made by hand or by an older version may be open to others: it is ours, close it.
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return dir;
}

/** Where defaultDbPath is, without creating its folder (a reader that must not write). */
export function defaultDbPathUncreated(demo: boolean, env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDirPath(env), demo ? 'demo.db' : 'syncdeck.db');
}

/** The database without --db, SYNCDECK_DB or the config's `database.location`; its folder created. */
export function defaultDbPath(demo: boolean, env: NodeJS.ProcessEnv = process.env): string {
  dataDir(env);
  return defaultDbPathUncreated(demo, env);
}
