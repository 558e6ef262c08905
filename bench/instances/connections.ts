// Connections the engines hold on the PostgreSQL server, sampled from pg_stat_activity
// past syncdeck (the sampler's own connection is to another database).
import pg from 'pg';

export interface ConnectionSampler {
  /** The most connections to the database seen in one sample. */
  max(): number;
  /** The last sample. */
  last(): number;
  stop(): Promise<void>;
}

export async function sampleConnections(adminUrl: string, database: string, everyMs = 1_000): Promise<ConnectionSampler> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let max = 0;
  let last = 0;
  let stopped = false;
  const sample = async () => {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
    last = rows[0]?.n ?? 0;
    max = Math.max(max, last);
  };
  let pending = sample();
  const timer = setInterval(() => {
    if (!stopped) pending = pending.then(sample, sample);
  }, everyMs);
  return {
    max: () => max,
    last: () => last,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pending.catch(() => undefined);
      await client.end();
    },
  };
}
