// Where syncdeck keeps what it can rebuild: `$XDG_CACHE_HOME/syncdeck/<kind>` (default
// ~/.cache/syncdeck/<kind>), private to the user. The config cache (cache.ts) and the
// dashboard's code cache (src/cli/screen-script.ts) live there.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function syncdeckCacheDir(kind: string, env: Record<string, string | undefined> = process.env): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'syncdeck', kind);
}
