// This process as an instance, and the recovery of what dead instances left behind.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../db/store.js';
import { hostKey } from './host-key.js';
import type { InstanceInfo } from './types.js';

export interface InstanceRecord extends InstanceInfo {
  kind: 'ui' | 'engine' | 'cli';
  /** See host-key.ts: where this record's pid means something. */
  hostKey: string;
}

export type InstanceKind = 'dashboard' | 'engine' | 'run';

/** What an instance row's kind is called on screen and in JSON. */
export function kindName(kind: string): InstanceKind {
  return kind === 'ui' ? 'dashboard' : kind === 'cli' ? 'run' : 'engine';
}

export function newInstance(
  user: string,
  kind: InstanceRecord['kind'],
  host = process.env.SYNCDECK_HOSTNAME || hostname(),
): InstanceRecord {
  const id = `${host}:${process.pid}:${randomBytes(2).toString('hex')}`;
  return { id, user, host, pid: process.pid, kind, hostKey: hostKey() };
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Leases of instances in this pid namespace whose process is gone are freed at once; others
 * (another computer, even of the same name; rows from before the key) simply expire.
 */
export async function recoverDeadInstances(store: Store, self: InstanceRecord, now: number): Promise<string[]> {
  // Only those not marked stopped: the table keeps every instance ever registered (names for history).
  const dead = (await store.listInstances({ running: true }))
    .filter((i) => i.hostKey === self.hostKey && i.host === self.host && i.id !== self.id && !pidAlive(i.pid))
    .map((i) => i.id);
  if (dead.length === 0) return dead;
  await store.freeLeasesOf(dead);
  await store.markInstancesStopped(dead, now);
  return dead;
}
