// `syncdeck migrate-store`: copies an SQLite database into PostgreSQL, nothing lost:
// services, tasks (schedule state, not leases), instances, task state, the fleet's config
// version, unrunnable episodes, runs with their logs and exchanges, and alerts with their
// deliveries and attempts (tables.ts), in keyset batches; resumable; verified at the end.
import { statSync } from 'node:fs';
import { asc, count, gt, sql } from 'drizzle-orm';
import { drizzle as liteDrizzle } from 'drizzle-orm/better-sqlite3';
import { DbOpenError } from '../errors.js';
import { connect } from '../postgres/connection.js';
import { dbOf } from '../postgres/drizzle-side.js';
import type * as pgs from '../postgres/schema.js';
import { parsePgUrl } from '../postgres/url.js';
import { openSqlite } from '../sqlite/open.js';
import * as lite from '../sqlite/schema.js';
import { CopyRefusedError, assertSourceIdle, assertTargetIdle, resumePoint } from './checks.js';
import type { LiteDb, PgDb } from './handles.js';
import { ID_TABLES, UPSERT_TABLES, type IdTable, type Row, type UpsertTable } from './tables.js';

export { CopyRefusedError } from './checks.js';

/** pg_try_advisory_lock key: two copies into one database would interleave their batches. */
const COPY_LOCK = 0x73796e636d6f7665n;

/** Rows of a table copied so far, of how many this copy will write. */
export type Progress = (label: string, copied: number, total: number) => void;

export interface CopyReport {
  from: string;
  to: string;
  /** Rows written by this copy, per table label. */
  copied: Record<string, number>;
  /** Rows an earlier, interrupted copy had already written (the copy resumed after them). */
  alreadyThere: Record<string, number>;
}

export async function copySqliteToPostgres(
  fromFile: string,
  toUrl: string,
  onProgress: Progress = () => undefined,
): Promise<CopyReport> {
  const target = parsePgUrl(toUrl);
  assertFile(fromFile);
  const opened = openSqlite(fromFile);
  const src: LiteDb = liteDrizzle(opened.db, { schema: lite });
  try {
    assertSourceIdle(src, opened.file, Date.now());
    const conn = await connect(target, {
      pool: 1,
      applicationName: 'syncdeck migrate-store',
      events: { notified: () => undefined, reopened: () => undefined },
    });
    try {
      // One connection for the whole copy: the advisory lock is held by the session that copies.
      return await conn.use(async (lane) => {
        const { rows } = await lane.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
          COPY_LOCK.toString(),
        ]);
        if (!rows[0]?.ok)
          throw new CopyRefusedError(`${target.display}: another migrate-store is copying into it right now`);
        try {
          const dst = dbOf(lane.client);
          await assertTargetIdle(dst, target.display);
          const names = { file: opened.file, display: target.display };
          const resume = new Map<IdTable, number>();
          for (const t of ID_TABLES) resume.set(t, await resumePoint(src, dst, t, names));

          const report: CopyReport = { from: opened.file, to: target.display, copied: {}, alreadyThere: {} };
          for (const t of UPSERT_TABLES) report.copied[t.label] = await copyUpserts(src, dst, t, onProgress);
          for (const t of ID_TABLES) {
            report.alreadyThere[t.label] = await countRows(dst, t);
            report.copied[t.label] = await copyIds(src, dst, t, resume.get(t) ?? 0, onProgress);
          }
          await verify(src, dst, names);
          return report;
        } finally {
          await lane.client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
        }
      });
    } finally {
      await conn.close();
    }
  } finally {
    opened.db.close();
  }
}

function assertFile(file: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new DbOpenError(`${file}: no such file (migrate-store --from names an existing syncdeck SQLite database)`);
  }
  if (!isFile) throw new DbOpenError(`${file}: is not a file`);
}

async function copyUpserts(src: LiteDb, dst: PgDb, t: UpsertTable, onProgress: Progress): Promise<number> {
  let copied = 0;
  for (let after: Row | null = null; ;) {
    const rows = t.read(src, after, t.batch);
    if (rows.length === 0) return copied;
    await t.write(dst, rows);
    copied += rows.length;
    onProgress(t.label, copied, copied);
    after = rows[rows.length - 1]!;
  }
}

async function copyIds(src: LiteDb, dst: PgDb, t: IdTable, resumeAfter: number, onProgress: Progress): Promise<number> {
  const s = t.src as typeof lite.runs;
  const d = t.dst as typeof pgs.runs;
  const total = src.select({ n: count() }).from(s).where(gt(s.id, resumeAfter)).get()?.n ?? 0;
  let copied = 0;
  for (let after = resumeAfter; ;) {
    const rows = src.select().from(s).where(gt(s.id, after)).orderBy(asc(s.id)).limit(t.batch).all();
    if (rows.length === 0) return copied;
    const last = rows[rows.length - 1]!.id;
    await dst.transaction(async (tx) => {
      await tx.insert(d).values(rows);
      // Runs started on PostgreSQL later get ids after the copied ones.
      await tx.execute(sql`SELECT setval(pg_get_serial_sequence(${t.sqlName}, 'id'), ${last})`);
    });
    copied += rows.length;
    onProgress(t.label, copied, total);
    after = last;
  }
}

async function countRows(dst: PgDb, t: IdTable): Promise<number> {
  const [row] = await dst.select({ n: count() }).from(t.dst as typeof pgs.runs);
  return row?.n ?? 0;
}

/** Every run, log line, exchange, alert, delivery and attempt of the source is in the target. */
async function verify(src: LiteDb, dst: PgDb, names: { file: string; display: string }): Promise<void> {
  for (const t of ID_TABLES) {
    const have = await countRows(dst, t);
    const want =
      src
        .select({ n: count() })
        .from(t.src as typeof lite.runs)
        .get()?.n ?? 0;
    if (have !== want)
      throw new Error(
        `after the copy ${names.display} holds ${have} ${t.label}, ${names.file} ${want}: was the file written to meanwhile?`,
      );
  }
}
