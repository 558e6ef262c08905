// What an open needs to know about our migrations without reading them all: drizzle-kit's
// journal (meta/_journal.json) gives the newest migration's time, and the first migration's
// hash (sha256 of its SQL, as drizzle's migrator records it) tells our database from
// another program's. Only a migration reads every file (drizzle's readMigrationFiles).
// The build writes each first hash in: the dashboard's preview opens the database before its
// first frame, and working the hash out would load node:crypto (about 5 ms) for it.
import type * as Crypto from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';

export interface MigrationJournal {
  /** `created_at` of the newest migration: a database whose newest row has it is up to date. */
  latestMillis(): number;
  /** The hash drizzle-kit records for the first migration; every syncdeck database has it. */
  firstHash(): string;
  /** Every migration with its SQL (read once, on first use). */
  all(): MigrationMeta[];
}

/**
 * Finds `name/` (drizzle/ or drizzle-pg/) walking up from `start`: src/db in development,
 * dist/ when bundled.
 */
export function findMigrationsFolder(name: string, start = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, name);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`syncdeck's migrations (${name}/meta/_journal.json) were not found above ${start}`);
  }
}

/** Set by scripts/build.mjs: each migrations folder's first hash. Unset when running from the sources. */
function builtFirstHash(name: string): string | undefined {
  const built = process.env.SYNCDECK_FIRST_MIGRATION_HASHES;
  return built ? (JSON.parse(built) as Record<string, string>)[name] : undefined;
}

function sha256(text: string): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return createHash('sha256').update(text).digest('hex');
}

/** The journal of the migrations in `name/` (found on first use). */
export function migrationJournal(name: string): MigrationJournal {
  let dir: string | undefined;
  let entries: { tag: string; when: number }[] | undefined;
  let first: string | undefined;
  let all: MigrationMeta[] | undefined;
  const folder = () => (dir ??= findMigrationsFolder(name));
  const journal = () =>
    (entries ??= (
      JSON.parse(readFileSync(join(folder(), 'meta', '_journal.json'), 'utf8')) as {
        entries: { tag: string; when: number }[];
      }
    ).entries);
  return {
    latestMillis: () => Math.max(0, ...journal().map((e) => e.when)),
    firstHash() {
      first ??= builtFirstHash(name);
      if (first !== undefined) return first;
      const entry = journal()[0];
      if (!entry) return '';
      first = sha256(readFileSync(join(folder(), `${entry.tag}.sql`)).toString());
      return first;
    },
    all: () => (all ??= readMigrationFiles({ migrationsFolder: folder() })),
  };
}
