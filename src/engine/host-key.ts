// Which process namespace a pid belongs to. Two computers may carry the same host name
// (cloned VMs, "localhost.localdomain") and containers on one kernel have pid namespaces of
// their own: a pid is only checked (kill 0) where the key matches (docs/ARCHITECTURE.md, Leases).
import { readFileSync, readlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname, uptime } from 'node:os';

function read(what: () => string): string | null {
  try {
    return what().trim();
  } catch {
    return null;
  }
}

/** Linux: the boot id and the pid namespace. Elsewhere: the host name and the boot's minute. */
export function hostKey(): string {
  const boot = read(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'));
  const pidNamespace = read(() => readlinkSync('/proc/self/ns/pid'));
  const parts =
    boot !== null && pidNamespace !== null
      ? ['linux', boot, pidNamespace]
      : ['boot', hostname(), String(Math.round((Date.now() / 1000 - uptime()) / 60))];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}
