// PostgreSQL figures for `npm run bench`, beside SQLite's. SYNCDECK_BENCH_PG_URL (else
// SYNCDECK_TEST_PG_URL) names a server whose user may create databases
// (scripts/ci-postgres.sh starts one).
import type { BenchContext } from '../lib/context.js';
import { measurePgEngine, type PgEngineResult } from './measure-pg-engine.js';
import { measurePgHistory, type PgHistoryResult } from './measure-pg-history.js';

export { measurePgEngine, measurePgHistory };
export type { PgEngineResult, PgHistoryResult };

export interface PgResult {
  history: PgHistoryResult;
  engine: PgEngineResult;
}

export async function measurePostgres(
  ctx: BenchContext,
  url = process.env.SYNCDECK_BENCH_PG_URL || process.env.SYNCDECK_TEST_PG_URL,
): Promise<PgResult> {
  if (!url) throw new Error('set SYNCDECK_BENCH_PG_URL (or SYNCDECK_TEST_PG_URL): no PostgreSQL server to measure');
  return { history: await measurePgHistory(url, ctx), engine: await measurePgEngine(url, ctx) };
}
