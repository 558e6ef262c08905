// Making a file or directory really read-only, also for root. Tests (and CI) run as root
// here, and root ignores permission bits; the immutable attribute (chattr +i) stops root
// too. Every path made read-only is remembered and restored by restoreAllWritable(),
// which the temp-dir helper calls before it removes a directory.
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const touched = new Map<string, number>(); // path → original mode

export function makeReadOnly(path: string): void {
  const mode = statSync(path).mode & 0o7777;
  if (!touched.has(path)) touched.set(path, mode);
  chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
  if (isRoot) execFileSync('chattr', ['+i', path], { stdio: 'pipe' });
}

export function restoreWritable(path: string): void {
  const mode = touched.get(path);
  if (mode === undefined) return;
  if (isRoot) execFileSync('chattr', ['-i', path], { stdio: 'pipe' });
  chmodSync(path, mode);
  touched.delete(path);
}

export function restoreAllWritable(): void {
  for (const path of [...touched.keys()]) restoreWritable(path);
}
