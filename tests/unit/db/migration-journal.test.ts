// src/db/migration-journal.ts migrationJournal: what an open reads from the journal must be
// what drizzle's migrator records after reading every migration, for both stores' folders.
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { expect, test } from 'vitest';
import { migrationJournal } from '../../../src/db/migration-journal.js';

test.each(['drizzle', 'drizzle-pg'])(
  'migrationJournal of %s: the first hash and the newest time drizzle records',
  (folder) => {
    const journal = migrationJournal(folder);
    const all = readMigrationFiles({ migrationsFolder: folder });
    expect(all.length).toBeGreaterThan(1);
    expect(journal.firstHash()).toBe(all[0]!.hash);
    expect(journal.latestMillis()).toBe(Math.max(...all.map((m) => m.folderMillis)));
    expect(journal.all()).toEqual(all);
  },
);
