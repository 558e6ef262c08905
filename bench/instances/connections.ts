// Connections the engines hold on the PostgreSQL server, sampled from pg_stat_activity
// past syncdeck (the sampler's own connection is to another database). Only the engines'
// own connections count (application_name "syncdeck engine PID"): the `status` command
// the benchmark runs meanwhile is not an engine.
import pg from 'pg';

export interface ConnectionSampler {
  /** The most engine connections to the database seen in one sample. */
  max(): number;
  /** The most connections one engine held in one sample. */
  maxPerEngine(): number;
  stop(): Promise<void>;
}

export async function sampleConnections(
  adminUrl: string,
  database: string,
  everyMs = 1_000,
): Promise<ConnectionSampler> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let max = 0;
  let maxPerEngine = 0;
  let stopped = false;
  const sample = async () => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'syncdeck engine %' GROUP BY application_name`,
      [database],
    );
    max = Math.max(
      max,
      rows.reduce((a, r) => a + r.n, 0),
    );
    maxPerEngine = Math.max(maxPerEngine, ...rows.map((r) => r.n));
  };
  let pending = sample();
  const timer = setInterval(() => {
    if (!stopped) pending = pending.then(sample, sample);
  }, everyMs);
  return {
    max: () => max,
    maxPerEngine: () => maxPerEngine,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pending.catch(() => undefined);
      await client.end();
    },
  };
}
