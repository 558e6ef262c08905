// Where better-sqlite3's compiled addon is. Left to itself the driver finds it through the
// `bindings` package: two more modules loaded and up to a dozen paths tried (a stat each,
// and an Error's stack to learn the caller) on every start. Its build's usual place is
// checked once here and handed to the driver (`nativeBinding`); any other layout falls
// back to `bindings` (BENCHMARKS.md, Where it goes).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let found: string | null | undefined;

/** The addon's path, or undefined to let the driver search as it does by default. */
export function nativeBinding(): string | undefined {
  if (found === undefined) {
    try {
      const main = createRequire(import.meta.url).resolve('better-sqlite3');
      const file = join(dirname(main), '..', 'build', 'Release', 'better_sqlite3.node');
      found = existsSync(file) ? file : null;
    } catch {
      found = null;
    }
  }
  return found ?? undefined;
}
