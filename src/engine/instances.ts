// This process as an instance, and the recovery of what dead instances left behind.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../db/store.js';
import { hostKey } from './host-key.js';
import type { InstanceRow } from '../db/types.js';
import type { Identity, InstanceInfo } from './types.js';

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

/** The name this computer's instances go by. */
const thisHost = () => process.env.SYNCDECK_HOSTNAME || hostname();

export function newInstance(user: string, kind: InstanceRecord['kind'], host = thisHost()): InstanceRecord {
  const id = `${host}:${process.pid}:${randomBytes(2).toString('hex')}`;
  return { id, user, host, pid: process.pid, kind, hostKey: hostKey() };
}

/** The row an instance writes when it registers (instance-row.ts), but its version and clock skew. */
export function registeredRow(
  instance: InstanceRecord,
  identity: Identity,
  schedules: boolean,
  startedAt: number,
  now: number,
): Omit<InstanceRow, 'version' | 'clockSkewMs'> {
  return {
    ...instance,
    startedAt,
    heartbeatAt: now,
    stoppedAt: null,
    actingUser: identity.user,
    roles: identity.roles,
    schedules,
  };
}

/**
 * The row a dashboard of `user` started here now will write when its engine registers, as
 * its preview counts that engine, which is starting (reader.ts, `joining`). Never written:
 * it has no id or host key, whose random bytes and hash would load node:crypto on the
 * screen's thread before its first frame (about 5 ms).
 */
export function joiningRow(user: string, identity: Identity, now: number): InstanceRow {
  const instance: InstanceRecord = { id: '', user, host: thisHost(), pid: process.pid, kind: 'ui', hostKey: '' };
  return { ...registeredRow(instance, identity, true, now, now), version: null, clockSkewMs: null };
}

/** An instance not heard from for this long is gone, wherever it ran (leaseTtl is at most an hour). */
const SILENT_FOR_MS = 2 * 3_600_000;

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
  const running = await store.listInstances({ running: true });
  const dead = running
    .filter((i) => i.hostKey === self.hostKey && i.host === self.host && i.id !== self.id && !pidAlive(i.pid))
    .map((i) => i.id);
  // Killed elsewhere long ago: its leases expired; marked stopped so lists of the living stay short.
  const silent = running.filter((i) => i.heartbeatAt < now - SILENT_FOR_MS && !dead.includes(i.id)).map((i) => i.id);
  if (dead.length > 0) await store.freeLeasesOf(dead);
  if (dead.length + silent.length > 0) await store.markInstancesStopped([...dead, ...silent], now);
  return dead;
}
