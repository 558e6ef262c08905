// What an open needs to know about our migrations without reading them all: drizzle-kit's
// journal (meta/_journal.json) gives the newest migration's time, and the first migration's
// hash (sha256 of its SQL, as drizzle's migrator records it) tells our database from
// another program's. Only a migration reads every file (drizzle's readMigrationFiles).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';

export interface MigrationJournal {
  /** `created_at` of the newest migration: a database whose newest row has it is up to date. */
  latestMillis(): number;
  /** The hash drizzle-kit records for the first migration; every syncdeck database has it. */
  firstHash(): string;
  /** Every migration with its SQL (read once, on first use). */
  all(): MigrationMeta[];
}

export function migrationJournal(folder: () => string): MigrationJournal {
  let entries: { tag: string; when: number }[] | undefined;
  let first: string | undefined;
  let all: MigrationMeta[] | undefined;
  const journal = () =>
    (entries ??= (
      JSON.parse(readFileSync(join(folder(), 'meta', '_journal.json'), 'utf8')) as {
        entries: { tag: string; when: number }[];
      }
    ).entries);
  return {
    latestMillis: () => Math.max(0, ...journal().map((e) => e.when)),
    firstHash() {
      const entry = journal()[0];
      if (!entry) return '';
      first ??= createHash('sha256')
        .update(readFileSync(join(folder(), `${entry.tag}.sql`)).toString())
        .digest('hex');
      return first;
    },
    all: () => (all ??= readMigrationFiles({ migrationsFolder: folder() })),
  };
}
