import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** sha256 of a file's bytes: compare before and after to prove a file was not modified. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The names in a directory, sorted: proves no -wal/-shm/-journal file was left behind. */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}
