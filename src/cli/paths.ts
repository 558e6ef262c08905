import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_DATA_HOME/syncdeck` (default ~/.local/share/syncdeck), created private to the user. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  const dir = join(base, 'syncdeck');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function defaultDbPath(demo: boolean, env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), demo ? 'demo.db' : 'syncdeck.db');
}
