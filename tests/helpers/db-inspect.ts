// Reading a database that real `syncdeck` processes wrote: its runs and tasks, and
// SQLite's own consistency checks.
import Database from 'better-sqlite3';
import { openStore, type RunRow, type TaskRow } from '../../src/db/index.js';

export async function readDb(file: string): Promise<{ runs: RunRow[]; tasks: TaskRow[] }> {
  const store = openStore(file);
  try {
    const runs = (await store.historyPage({ filter: {}, limit: 1_000_000 })).reverse();
    return { runs, tasks: await store.listTasks() };
  } finally {
    await store.close();
  }
}

/** `PRAGMA integrity_check` and `foreign_key_check`: "ok" and no rows on a sound database. */
export function checkIntegrity(file: string): { integrity: string; foreignKeyProblems: unknown[] } {
  const db = new Database(file, { fileMustExist: true });
  try {
    return {
      integrity: (db.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; '),
      foreignKeyProblems: db.pragma('foreign_key_check') as unknown[],
    };
  } finally {
    db.close();
  }
}

/** A task still leased now: an owner whose lease has not expired. */
export function leasedNow(tasks: TaskRow[], now = Date.now()): TaskRow[] {
  return tasks.filter((t) => t.leaseOwner !== null && (t.leaseExpiresAt ?? 0) >= now);
}
