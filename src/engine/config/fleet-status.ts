// How this instance's config compares with the fleet's (the definitions in the database),
// and the words a support engineer reads about it (docs/config.md, A running fleet).
import type { FleetConfigRow, TaskRow } from '../../db/types.js';
import type { ConfigFingerprint } from './fingerprint.js';

/** Tasks whose definition here is not the fleet's: changed, only here, or only in the fleet. Sorted. */
export function fleetDifferences(
  print: ConfigFingerprint,
  fleet: FleetConfigRow | null,
  rows: readonly TaskRow[],
): string[] {
  if (fleet === null || fleet.version === print.version) return [];
  const ids = new Set<string>();
  const inFleet = new Set<string>();
  for (const r of rows) {
    if (!r.inConfig) continue;
    inFleet.add(r.id);
    // Written before hashes were recorded: nothing to compare with.
    if (r.defHash === null || r.defHash === undefined) continue;
    if (r.defHash !== print.tasks.get(r.id)) ids.add(r.id);
  }
  for (const id of print.tasks.keys()) if (!inFleet.has(id)) ids.add(id);
  return [...ids].sort();
}

export function differsMessage(
  fleet: FleetConfigRow,
  tasks: readonly string[],
  at: (ms: number) => string = (ms) => new Date(ms).toISOString(),
): string {
  const which =
    tasks.length === 0
      ? 'no task differs, only services'
      : `${tasks.length === 1 ? 'task' : 'tasks'} ${tasks.join(', ')} ${tasks.length === 1 ? 'differs' : 'differ'}, and this instance does not run ${tasks.length === 1 ? 'it' : 'them'}`;
  return `this instance's config differs from the fleet's (written by ${fleet.writtenBy} at ${at(fleet.writtenAt)}): ${which}; edit or touch the config file to make it the fleet's`;
}
