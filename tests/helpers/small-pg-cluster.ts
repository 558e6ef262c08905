// A PostgreSQL server of the test's own, as small as the test needs (max_connections),
// started with scripts/ci-postgres.sh and removed after: the shared test server
// (SYNCDECK_TEST_PG_URL) is far larger, and a test about running out of connections must
// not take them from the others.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = 'scripts/ci-postgres.sh';

export interface SmallCluster {
  /** postgres://syncdeck:…@127.0.0.1:PORT/syncdeck */
  url: string;
  stop(): Promise<void>;
}

export async function startSmallCluster(maxConnections: number): Promise<SmallCluster> {
  const { stdout } = await run(SCRIPT, ['start', '--max-connections', String(maxConnections)], { timeout: 120_000 });
  const value = (name: string) => {
    const m = new RegExp(`^export ${name}=(.*)$`, 'm').exec(stdout);
    if (!m) throw new Error(`${SCRIPT} printed no ${name}: ${stdout}`);
    // %q quoting of a URL or a temp path: nothing to unquote but backslashes.
    return m[1]!.replace(/\\(.)/g, '$1');
  };
  const url = value('SYNCDECK_TEST_PG_URL');
  const dir = value('SYNCDECK_TEST_PG_DIR');
  return {
    url,
    stop: async () => {
      await run(SCRIPT, ['stop', dir], { timeout: 60_000 });
    },
  };
}
