// Temporary directories for tests: made fresh for each test and removed after it, even
// when a test left a file read-only or immutable (see read-only.ts).
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { restoreAllWritable } from './read-only.js';

/** Makes a new empty directory under the OS temp dir; the caller removes it. */
export function makeTempDir(prefix = 'syncdeck-test-'): string {
  // realpath: on some systems tmpdir() is a symlink, and messages name the resolved path.
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export function removeTempDir(dir: string): void {
  restoreAllWritable();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A fresh temp directory for every test of the calling `describe` (or file).
 * Returns a getter: call it inside a test to get this test's directory.
 */
export function useTempDir(prefix?: string): () => string {
  let dir: string | undefined;
  beforeEach(() => {
    dir = makeTempDir(prefix);
  });
  afterEach(() => {
    if (dir) removeTempDir(dir);
    dir = undefined;
  });
  return () => {
    if (!dir) throw new Error('useTempDir(): the directory exists only inside a test');
    return dir;
  };
}
