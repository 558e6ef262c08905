// Before copying: nothing may be running on either side, and a target that already holds
// runs must hold the first runs of this very file (an earlier copy that stopped half way),
// so the copy resumes after them; anything else is refused, saying why.
import { isDeepStrictEqual } from 'node:util';
import { and, count, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import * as pgs from '../postgres/schema.js';
import * as lite from '../sqlite/schema.js';
import type { LiteDb, PgDb } from './handles.js';
import type { IdTable } from './tables.js';

/** The copy would lose or mix data: nothing was written. */
export class CopyRefusedError extends Error {
  override readonly name = 'CopyRefusedError';
}

export function assertSourceIdle(src: LiteDb, file: string, now: number): void {
  const live = src
    .select({ id: lite.tasks.id, owner: lite.tasks.leaseOwner })
    .from(lite.tasks)
    .where(and(isNotNull(lite.tasks.leaseOwner), gte(lite.tasks.leaseExpiresAt, now)))
    .all();
  if (live.length > 0) {
    const [first] = live;
    throw new CopyRefusedError(
      `${file}: task ${first?.id} is running right now (on ${first?.owner}); stop syncdeck on this database first`,
    );
  }
}

export async function assertTargetIdle(dst: PgDb, display: string): Promise<void> {
  const live = await dst
    .select({ id: pgs.tasks.id, owner: pgs.tasks.leaseOwner })
    .from(pgs.tasks)
    .where(
      and(
        isNotNull(pgs.tasks.leaseOwner),
        sql`${pgs.tasks.leaseExpiresAt} >= (extract(epoch FROM clock_timestamp()) * 1000)`,
      ),
    )
    .limit(1);
  if (live.length > 0) {
    throw new CopyRefusedError(
      `${display}: task ${live[0]?.id} is running there right now (on ${live[0]?.owner}); stop the instances using it first`,
    );
  }
}

/** The id to resume after: 0 for an empty table, else the target's highest id when its rows are the source's first ones. */
export async function resumePoint(
  src: LiteDb,
  dst: PgDb,
  table: IdTable,
  names: { file: string; display: string },
): Promise<number> {
  // One concrete table type for drizzle; every id table is read and compared the same way.
  const s = table.src as typeof lite.runs;
  const d = table.dst as typeof pgs.runs;
  const [held] = await dst.select({ n: count(), max: sql<string | null>`max(${d.id})::text` }).from(d);
  const n = held?.n ?? 0;
  if (n === 0 || held?.max == null) return 0;
  const max = Number(held.max);
  const before = src.select({ n: count() }).from(s).where(lte(s.id, max)).get()?.n ?? 0;
  const srcRow = src.select().from(s).where(eq(s.id, max)).get();
  const [dstRow] = await dst.select().from(d).where(eq(d.id, max));
  if (before !== n || !srcRow || !isDeepStrictEqual(srcRow, dstRow)) {
    throw new CopyRefusedError(
      `${names.display}: already holds ${n} ${table.label} that are not the first ${table.label} of ${names.file}; copy into an empty database (or the one an earlier copy of this file left half done)`,
    );
  }
  return max;
}
