// Fields a running instance cannot apply: `database` (its runs, leases and history live in
// the store it opened; moving them live is not possible). A reload keeps the store in use
// and says so, once (docs/config.md, "Changing the config of a running fleet").
import type { DatabaseConfig } from '../../config/schema.js';

export interface RestartNeeded {
  fields: string[];
  message: string;
}

/** What the file now asks that only a restart applies; null when it asks what runs. */
export function restartNeeded(
  file: string,
  started: DatabaseConfig,
  now: DatabaseConfig,
  inUse: string,
  /** False when `--db` or SYNCDECK_DB chose the store: a restart would not follow the file's location either. */
  locationFromFile = true,
): RestartNeeded | null {
  const same = (!locationFromFile || started.location === now.location) && started.pool === now.pool;
  if (same) return null;
  // The new location is not shown: it may hold a password. The one in use is shown as the header shows it.
  return {
    fields: ['database'],
    message: `database changed in ${file}: this instance keeps using ${inUse} until it restarts`,
  };
}
